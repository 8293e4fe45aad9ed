import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { World } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { tokenIn, waitForMail } from '../../support/mailbox';

/**
 * A talent's home cluster and a staff member's cluster are different facts: a person who signed up
 * as a talent and was then made staff of cluster A by an admin stays staff of A whatever home
 * cluster they give their talent profile.
 */
describe('directory: staff assignment vs a talent\'s home cluster', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  const http = () => request(api.url);

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker.stop();
  });

  it('register → verify → staff invitation → PUT /talents/me to cluster B → refresh: still staff of A only', async () => {
    const clusterA = await world.cluster();
    const clusterB = await world.cluster();
    const orgA = await world.organisation(clusterA.id);
    const orgB = await world.organisation(clusterB.id);
    const approvalA = await world.approvalRequest(clusterA.id);
    const approvalB = await world.approvalRequest(clusterB.id);
    const admin = await world.auth(await world.user(['admin']));

    // A stranger signs up as a talent and confirms the address.
    const email = `talent-${randomUUID().slice(0, 8)}@test.example`;
    const password = 'a long enough password';
    await http().post('/api/v1/auth/register').send({ email, password, displayName: 'Tove Talent' }).expect(202);
    const [verification] = await waitForMail(email, { subject: /Confirm your email/ });
    await http().post('/api/v1/auth/verify-email').send({ token: tokenIn(verification) }).expect(204);

    // An admin makes them staff of cluster A; they accept with the password they already have.
    await http().post(`/api/v1/clusters/${clusterA.id}/staff`).set(admin).send({ email }).expect(201);
    const [invitation] = await waitForMail(email, { subject: /invited/ });
    const accepted = await http().post('/api/v1/invitations/accept').send({ token: tokenIn(invitation), password }).expect(200);
    const staff = { authorization: `Bearer ${accepted.body.accessToken as string}` };
    await http().get(`/api/v1/organisations/${orgA.id}`).set(staff).expect(200);

    // As a talent they name cluster B their home cluster...
    const profile = { homeClusterId: clusterB.id, skills: ['water treatment'], languages: ['en'], yearsOfExperience: 3 };
    await http().put('/api/v1/talents/me').set(staff).send(profile).expect(200);
    // ...and take a fresh access token.
    const refreshed = await http().post('/api/v1/auth/refresh').send({ refreshToken: accepted.body.refreshToken }).expect(200);
    const after = { authorization: `Bearer ${refreshed.body.accessToken as string}` };

    // Cluster B is as closed to them as to any staff of another cluster.
    expectProblem(await http().get(`/api/v1/organisations/${orgB.id}`).set(after), 404, 'directory.organisation_not_found');
    const listedB = await http().get('/api/v1/organisations').query({ clusterId: clusterB.id }).set(after).expect(200);
    expect(listedB.body.items).toEqual([]);
    expectProblem(await http().post(`/api/v1/approvals/${approvalB.id}/decision`).set(after).send({ decision: 'approved' }), 404, 'approvals.not_found');
    expect((await world.one('SELECT status FROM approval_requests WHERE id = $1', [approvalB.id])).status).toBe('pending');

    // Cluster A's work goes on, and each fact is where it belongs.
    await http().get(`/api/v1/organisations/${orgA.id}`).set(after).expect(200);
    const decided = await http().post(`/api/v1/approvals/${approvalA.id}/decision`).set(after).send({ decision: 'approved' }).expect(200);
    expect(decided.body.status).toBe('approved');
    const me = await http().get('/api/v1/me').set(after).expect(200);
    expect(me.body).toEqual(expect.objectContaining({ clusterId: clusterA.id, roles: expect.arrayContaining(['talent', 'staff']) }));
    const mine = await http().get('/api/v1/talents/me').set(after).expect(200);
    expect(mine.body.homeClusterId).toBe(clusterB.id);
    // Staff of B, not A, read the profile of a talent whose home cluster is B.
    const staffB = await world.auth(await world.user(['staff'], { clusterId: clusterB.id }));
    await http().get(`/api/v1/talents/${me.body.id as string}`).set(staffB).expect(200);
  });

  it('a talent who is not staff has no staff cluster, whatever home cluster they choose', async () => {
    const cluster = await world.cluster();
    const org = await world.organisation(cluster.id);
    const talentUser = await world.user(['talent']);
    const talent = await world.auth(talentUser);
    await http().put('/api/v1/talents/me').set(talent)
      .send({ homeClusterId: cluster.id, skills: ['LCA'], languages: ['fi'], yearsOfExperience: 1 }).expect(200);
    const row = await world.one('SELECT staff_cluster_id, roles FROM users WHERE id = $1', [talentUser.id]);
    expect(row).toEqual({ staff_cluster_id: null, roles: ['talent'] });
    const again = await world.auth(talentUser);
    expect((await http().get('/api/v1/me').set(again).expect(200)).body.clusterId).toBeNull();
    expectProblem(await http().get(`/api/v1/organisations/${org.id}`).set(again), 403, 'auth.role_required');
    // The database itself refuses a staff cluster on an account that is not staff.
    await expect(world.db.query('UPDATE users SET staff_cluster_id = $1 WHERE id = $2', [cluster.id, talentUser.id])).rejects.toThrow(/ck_users_staff_cluster/);
  });

  it('only an admin\'s staff invitation moves a staff member to another cluster', async () => {
    const clusterA = await world.cluster();
    const clusterB = await world.cluster();
    const orgB = await world.organisation(clusterB.id);
    const admin = await world.auth(await world.user(['admin']));
    const staffUser = await world.user(['staff', 'talent'], { clusterId: clusterA.id });
    await http().post(`/api/v1/clusters/${clusterB.id}/staff`).set(admin).send({ email: staffUser.email }).expect(201);
    const [mail] = await waitForMail(staffUser.email, { subject: /invited/ });
    const moved = await http().post('/api/v1/invitations/accept').send({ token: tokenIn(mail), password: 'factory-password-1' }).expect(200);
    const auth = { authorization: `Bearer ${moved.body.accessToken as string}` };
    await http().get(`/api/v1/organisations/${orgB.id}`).set(auth).expect(200);
    expect((await http().get('/api/v1/me').set(auth).expect(200)).body.clusterId).toBe(clusterB.id);
    const audit = await world.one(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'invitation.accepted' AND cluster_id = $1`, [clusterB.id]);
    expect(audit.n).toBe(1);
  });
});
