import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Row, World } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { tokenIn, waitForMail } from '../../support/mailbox';

type Auth = { authorization: string };

describe('directory: pending invitations, revocation and a removed member\'s writes', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  const http = () => request(api.url);
  let cluster: Row;
  let org: Row;
  let owner: Auth;
  let plainMember: Auth;
  let staff: Auth;
  let otherStaff: Auth;
  let admin: Auth;

  const newEmail = () => `invitee-${randomUUID().slice(0, 8)}@test.example`;
  const invite = async (by: Auth, email = newEmail(), organisationId = org.id as string) => {
    const res = await http().post(`/api/v1/organisations/${organisationId}/members`).set(by).send({ email, role: 'member' }).expect(201);
    return { id: res.body.id as string, email };
  };
  const pendingEmails = async (by: Auth, organisationId = org.id as string) =>
    (await http().get(`/api/v1/organisations/${organisationId}/invitations`).query({ limit: 100 }).set(by).expect(200))
      .body.items.map((i: Row) => i.email);

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    world = new World(api.url);
    cluster = await world.cluster();
    org = await world.organisation(cluster.id);
    owner = await world.auth(await world.member(org.id, 'owner'));
    plainMember = await world.auth(await world.member(org.id, 'member'));
    staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
    otherStaff = await world.auth(await world.user(['staff'], { clusterId: (await world.cluster()).id }));
    admin = await world.auth(await world.user(['admin']));
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker.stop();
  });

  it('owners and the cluster\'s staff list pending invitations a page at a time; others are refused', async () => {
    const first = await invite(owner);
    const second = await invite(staff);
    const page1 = await http().get(`/api/v1/organisations/${org.id}/invitations`).query({ limit: 1 }).set(owner).expect(200);
    expect(page1.body.items).toEqual([expect.objectContaining({ id: second.id, email: second.email, status: 'pending', kind: 'organisation_member' })]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await http().get(`/api/v1/organisations/${org.id}/invitations`)
      .query({ limit: 1, cursor: page1.body.nextCursor }).set(staff).expect(200);
    expect(page2.body.items.map((i: Row) => i.id)).toEqual([first.id]);

    expectProblem(await http().get(`/api/v1/organisations/${org.id}/invitations`).set(plainMember), 403, 'directory.not_allowed');
    expectProblem(await http().get(`/api/v1/organisations/${org.id}/invitations`).set(otherStaff), 404, 'directory.organisation_not_found');
    expectProblem(await http().delete(`/api/v1/organisations/${org.id}/invitations/${first.id}`).set(plainMember), 403);
    expectProblem(await http().delete(`/api/v1/organisations/${org.id}/invitations/${first.id}`).set(otherStaff), 404);
    expectProblem(await http().get(`/api/v1/organisations/${org.id}/invitations`).query({ limit: 101 }).set(owner), 400);
  });

  it('a revoked invitation leaves the list, cannot be accepted, cannot be revoked twice, and is audited', async () => {
    const revoked = await invite(owner);
    const [mail] = await waitForMail(revoked.email, { subject: /invited/ });
    await http().delete(`/api/v1/organisations/${org.id}/invitations/${revoked.id}`).set(owner).expect(204);
    expect(await pendingEmails(owner)).not.toContain(revoked.email);
    expectProblem(
      await http().post('/api/v1/invitations/accept').send({ token: tokenIn(mail), password: 'invitee password 1', displayName: 'Too Late' }),
      400, 'directory.invalid_invitation',
    );
    const twice = expectProblem(await http().delete(`/api/v1/organisations/${org.id}/invitations/${revoked.id}`).set(staff), 409, 'common.invalid_transition');
    expect(twice.currentState).toBe('revoked');
    const audit = await world.one(`SELECT actor_user_id FROM audit_log WHERE action = 'invitation.revoked' AND subject_id = $1`, [revoked.id]);
    expect(audit).toBeDefined();

    // An accepted invitation is no longer pending: 409 naming its state. Unknown ids, and another organisation's, are 404.
    const accepted = await invite(owner);
    const [acceptMail] = await waitForMail(accepted.email, { subject: /invited/ });
    await http().post('/api/v1/invitations/accept').send({ token: tokenIn(acceptMail), password: 'invitee password 1', displayName: 'On Time' }).expect(200);
    const late = expectProblem(await http().delete(`/api/v1/organisations/${org.id}/invitations/${accepted.id}`).set(owner), 409);
    expect(late.currentState).toBe('accepted');
    expectProblem(await http().delete(`/api/v1/organisations/${org.id}/invitations/${randomUUID()}`).set(owner), 404, 'directory.invitation_not_found');
    const otherOrg = await world.organisation(cluster.id);
    const elsewhere = await invite(staff, newEmail(), otherOrg.id as string);
    expectProblem(await http().delete(`/api/v1/organisations/${org.id}/invitations/${elsewhere.id}`).set(owner), 404, 'directory.invitation_not_found');
  });

  it('removing a member revokes the invitations they sent and ends their writes at once; reads last until the token expires', async () => {
    const leavingUser = await world.member(org.id, 'owner');
    const leaving = await world.auth(leavingUser);
    const product = await http().post('/api/v1/products').set(leaving).send({
      organisationId: org.id, name: 'Filter cartridges', category: '326199', grade: 2, segments: ['utilities'], markets: ['FI'],
    }).expect(201);
    const sent = await invite(leaving);
    const kept = await invite(owner);
    const [mail] = await waitForMail(sent.email, { subject: /invited/ });

    await http().delete(`/api/v1/organisations/${org.id}/members/${leavingUser.id}`).set(owner).expect(204);

    expect(await pendingEmails(owner)).toEqual(expect.arrayContaining([kept.email]));
    expect(await pendingEmails(owner)).not.toContain(sent.email);
    expectProblem(
      await http().post('/api/v1/invitations/accept').send({ token: tokenIn(mail), password: 'invitee password 1', displayName: 'Orphan' }),
      400, 'directory.invalid_invitation',
    );
    const revocation = await world.one(`SELECT revoked_by FROM invitations WHERE id = $1`, [sent.id]);
    expect(revocation.revoked_by).not.toBeNull();

    // Their access token still lists the organisation, but every write re-reads the membership.
    expectProblem(await http().patch(`/api/v1/organisations/${org.id}`).set(leaving).send({ name: 'Hijacked Oy' }), 404);
    expectProblem(await http().post(`/api/v1/organisations/${org.id}/members`).set(leaving).send({ email: newEmail(), role: 'owner' }), 404);
    expectProblem(await http().delete(`/api/v1/organisations/${org.id}/invitations/${kept.id}`).set(leaving), 404);
    expectProblem(await http().patch(`/api/v1/products/${product.body.id}`).set(leaving).send({ name: 'Renamed' }), 404);
    expectProblem(await http().post('/api/v1/products').set(leaving).send({
      organisationId: org.id, name: 'Sneaked in', category: '326199', grade: 1, segments: ['utilities'], markets: ['FI'],
    }), 404);
    expectProblem(await http().delete(`/api/v1/products/${product.body.id}`).set(leaving), 404);
    expect((await world.one('SELECT name FROM organisations WHERE id = $1', [org.id])).name).toBe(org.name);
    // Reads trust the token until it expires (JWT_ACCESS_TTL_SECONDS), as documented.
    await http().get(`/api/v1/organisations/${org.id}`).set(leaving).expect(200);
    // A fresh sign-in no longer carries the organisation.
    const again = await world.auth(leavingUser);
    expectProblem(await http().get(`/api/v1/organisations/${org.id}`).set(again), 404);
  });

  it('admins list and revoke a cluster\'s pending staff invitations; staff may not', async () => {
    const email = newEmail();
    const created = await http().post(`/api/v1/clusters/${cluster.id}/staff`).set(admin).send({ email }).expect(201);
    const listed = await http().get(`/api/v1/clusters/${cluster.id}/invitations`).set(admin).expect(200);
    expect(listed.body.items.map((i: Row) => i.id)).toContain(created.body.id);
    expect(listed.body.items.every((i: Row) => i.kind === 'staff')).toBe(true);
    expectProblem(await http().get(`/api/v1/clusters/${cluster.id}/invitations`).set(staff), 403, 'auth.role_required');
    expectProblem(await http().delete(`/api/v1/clusters/${cluster.id}/invitations/${created.body.id}`).set(staff), 403);
    const [mail] = await waitForMail(email, { subject: /invited/ });
    await http().delete(`/api/v1/clusters/${cluster.id}/invitations/${created.body.id}`).set(admin).expect(204);
    expectProblem(
      await http().post('/api/v1/invitations/accept').send({ token: tokenIn(mail), password: 'would-be staff 1', displayName: 'Not Staff' }),
      400, 'directory.invalid_invitation',
    );
    expect((await http().get(`/api/v1/clusters/${cluster.id}/invitations`).set(admin).expect(200)).body.items.map((i: Row) => i.id))
      .not.toContain(created.body.id);
    expectProblem(await http().delete(`/api/v1/clusters/${randomUUID()}/invitations/${created.body.id}`).set(admin), 404);
  });
});
