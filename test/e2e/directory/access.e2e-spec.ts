import request from 'supertest';
import { Row, World } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { tokenIn, waitForMail } from '../../support/mailbox';

describe('directory: who sees and does what', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  const http = () => request(api.url);
  let clusterA: Row & { regionId: string };
  let clusterB: Row & { regionId: string };
  let orgA: Row;
  let orgA2: Row;
  let orgB: Row;
  let staffA: { authorization: string };
  let ownerA: { authorization: string };
  let talent: { authorization: string };
  let admin: { authorization: string };

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    world = new World(api.url);
    clusterA = await world.cluster();
    clusterB = await world.cluster();
    orgA = await world.organisation(clusterA.id);
    orgA2 = await world.organisation(clusterA.id);
    orgB = await world.organisation(clusterB.id);
    staffA = await world.auth(await world.user(['staff'], { clusterId: clusterA.id }));
    ownerA = await world.auth(await world.member(orgA.id, 'owner'));
    talent = await world.auth(await world.user(['talent'], { clusterId: clusterA.id }));
    admin = await world.auth(await world.user(['admin']));
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker.stop();
  });

  it('staff of cluster A get 404 for cluster B\'s organisation, and never see it in lists', async () => {
    await http().get(`/api/v1/organisations/${orgA.id}`).set(staffA).expect(200);
    expectProblem(await http().get(`/api/v1/organisations/${orgB.id}`).set(staffA), 404, 'directory.organisation_not_found');
    expectProblem(await http().patch(`/api/v1/organisations/${orgB.id}`).set(staffA).send({ name: 'Taken over' }), 404);
    const asked = await http().get('/api/v1/organisations').query({ clusterId: clusterB.id }).set(staffA).expect(200);
    expect(asked.body.items).toEqual([]);
    const own = await http().get('/api/v1/organisations').query({ clusterId: clusterA.id, limit: 100 }).set(staffA).expect(200);
    expect(own.body.items.map((o: Row) => o.id).sort()).toEqual([orgA.id, orgA2.id].sort());
  });

  it('staff cannot add an organisation to another cluster', async () => {
    const res = await http().post('/api/v1/organisations').set(staffA).send({
      clusterId: clusterB.id, name: 'Intruder Oy', kind: 'sme', naicsCodes: ['326199'], country: 'FI', employeeCount: 5,
    });
    expectProblem(res, 403, 'directory.not_allowed');
  });

  it('validates NAICS codes against the published list and regions against the cluster', async () => {
    const base = { clusterId: clusterA.id, name: 'Valid Oy', kind: 'sme', country: 'FI', employeeCount: 5 };
    const badCode = await http().post('/api/v1/organisations').set(staffA).send({ ...base, naicsCodes: ['999999'] });
    expect((expectProblem(badCode, 400).errors as { field: string }[])[0].field).toBe('naicsCodes');
    const foreignRegion = await http().post('/api/v1/organisations').set(staffA)
      .send({ ...base, naicsCodes: ['326199'], regionId: clusterB.regionId });
    expect((expectProblem(foreignRegion, 400).errors as { field: string }[])[0].field).toBe('regionId');
    const created = await http().post('/api/v1/organisations').set(staffA)
      .send({ ...base, naicsCodes: ['326199'], regionId: clusterA.regionId }).expect(201);
    expect(created.body).toEqual(expect.objectContaining({ size: 'micro', regionId: clusterA.regionId }));
  });

  it('an organisation member sees and edits only their own organisation', async () => {
    const list = await http().get('/api/v1/organisations').set(ownerA).expect(200);
    expect(list.body.items.map((o: Row) => o.id)).toEqual([orgA.id]);
    await http().patch(`/api/v1/organisations/${orgA.id}`).set(ownerA).send({ employeeCount: 55 }).expect(200);
    expectProblem(await http().patch(`/api/v1/organisations/${orgA2.id}`).set(ownerA).send({ employeeCount: 1 }), 404);
    expectProblem(await http().get(`/api/v1/organisations/${orgA2.id}/members`).set(ownerA), 404);
  });

  it('a talent cannot list organisations or their members', async () => {
    expectProblem(await http().get(`/api/v1/organisations/${orgA.id}/members`).set(talent), 403, 'auth.role_required');
    expectProblem(await http().get('/api/v1/organisations').set(talent), 403);
  });

  it('admin-only endpoints refuse staff', async () => {
    expectProblem(await http().post('/api/v1/clusters').set(staffA).send({ name: 'Mine', country: 'FI', regions: [] }), 403);
    expectProblem(await http().post(`/api/v1/clusters/${clusterA.id}/partners`).set(staffA).send({ partnerClusterId: clusterB.id }), 403);
    expectProblem(await http().post(`/api/v1/clusters/${clusterA.id}/staff`).set(staffA).send({ email: 'x@test.example' }), 403);
  });

  it('admins create clusters and link partners both ways', async () => {
    const created = await http().post('/api/v1/clusters').set(admin)
      .send({ name: `Cluster ${Date.now()}`, country: 'DK', regions: ['Skåne', 'Region Zealand'] }).expect(201);
    expect(created.body.regions.map((r: Row) => r.name)).toEqual(['Region Zealand', 'Skåne']);
    await http().post(`/api/v1/clusters/${created.body.id}/partners`).set(admin).send({ partnerClusterId: clusterA.id }).expect(201);
    const fromA = await http().get(`/api/v1/clusters/${clusterA.id}/partners`).set(talent).expect(200);
    expect(fromA.body.items.map((c: Row) => c.id)).toContain(created.body.id);
    expectProblem(
      await http().post(`/api/v1/clusters/${clusterA.id}/partners`).set(admin).send({ partnerClusterId: created.body.id }),
      409,
      'directory.partnership_exists',
    );
  });

  it('an owner invites a member by email; accepting creates a verified account that acts for the organisation', async () => {
    const email = `invitee-${Date.now()}@test.example`;
    await http().post(`/api/v1/organisations/${orgA.id}/members`).set(ownerA).send({ email, role: 'member' }).expect(201);
    const [mail] = await waitForMail(email, { subject: /invited/ });
    const accepted = await http().post('/api/v1/invitations/accept')
      .send({ token: tokenIn(mail), password: 'invitee password 1', displayName: 'New Member' }).expect(200);
    const auth = { authorization: `Bearer ${accepted.body.accessToken}` };
    const me = await http().get('/api/v1/me').set(auth).expect(200);
    expect(me.body.organisations).toEqual([{ organisationId: orgA.id, role: 'member' }]);
    const members = await http().get(`/api/v1/organisations/${orgA.id}/members`).set(auth).expect(200);
    expect(members.body.items.map((m: Row) => m.email)).toContain(email);
    // A plain member cannot invite; the token is single-use.
    expectProblem(await http().post(`/api/v1/organisations/${orgA.id}/members`).set(auth).send({ email: 'y@test.example', role: 'owner' }), 403);
    expectProblem(await http().post('/api/v1/invitations/accept').send({ token: tokenIn(mail), password: 'invitee password 1', displayName: 'X' }), 400);
  });

  it('a talent keeps a profile that only they and their home cluster\'s staff see', async () => {
    const profile = { homeClusterId: clusterA.id, skills: ['LCA', 'water treatment'], languages: ['fi', 'en'], yearsOfExperience: 4 };
    const saved = await http().put('/api/v1/talents/me').set(talent).send(profile).expect(200);
    expect(saved.body).toEqual(expect.objectContaining({ skills: ['LCA', 'water treatment'], languages: ['fi', 'en'] }));
    await http().get(`/api/v1/talents/${saved.body.userId}`).set(staffA).expect(200);
    const staffB = await world.auth(await world.user(['staff'], { clusterId: clusterB.id }));
    expectProblem(await http().get(`/api/v1/talents/${saved.body.userId}`).set(staffB), 404, 'directory.talent_not_found');
    const bad = await http().put('/api/v1/talents/me').set(talent).send({ ...profile, languages: ['xx'] });
    expect((expectProblem(bad, 400).errors as { field: string }[])[0].field).toBe('languages');
  });
});
