import request from 'supertest';
import { Row, World } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { RunningApi, startApi } from '../../support/processes';

type Auth = { authorization: string };

/**
 * A field the API does not know is refused, never ignored: ignoring it would let a client believe
 * it set `roles` or `usedCapacity`, and silently dropping typos hides bugs. Each case sends a body
 * (or query) that is valid but for one unknown or mis-shaped field, expects 400 problem+json
 * naming that field, and checks that nothing was written.
 */
describe('unknown fields are refused and nothing is written', () => {
  let api: RunningApi;
  let world: World;
  let clusterId: string;
  let organisationId: string;
  let staff: Auth;
  let owner: Auth;
  let ownerId: string;
  const http = () => request(api.url);
  const count = async (sql: string, params: unknown[]) => (await world.one(`SELECT count(*)::int AS n FROM ${sql}`, params)).n as number;

  beforeAll(async () => {
    api = await startApi();
    world = new World(api.url);
    clusterId = (await world.cluster()).id;
    staff = await world.auth(await world.user(['staff'], { clusterId }));
    organisationId = (await world.organisation(clusterId)).id;
    const ownerUser = await world.member(organisationId);
    ownerId = ownerUser.id;
    owner = await world.auth(ownerUser);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
  });

  const email = `unknown-${Date.now()}@test.example`;
  const organisation = { name: 'Unknown Fields Oy', kind: 'sme', naicsCodes: ['326199'], country: 'FI', employeeCount: 3 };
  const product = { name: 'Fittings', category: '326199', grade: 2, segments: ['utilities'], markets: ['FI'] };
  const channel = { name: 'Distributor', type: 'distributor', markets: ['FI'], segments: ['utilities'], capacity: 10, capacityUnit: 'pallets/month', commissionPct: 5 };

  // [what, request, field the problem must name, rows that must not change]
  const cases: Array<[string, () => request.Test, string, () => Promise<number>]> = [
    ['registration claiming a role', () => http().post('/api/v1/auth/register').send({ email, password: 'a long enough password', displayName: 'X', roles: ['admin'] }),
      'roles', () => count(`users WHERE email = $1`, [email])],
    ['a profile edit claiming a staff cluster', () => http().patch('/api/v1/me').set(owner).send({ displayName: 'Renamed', staffClusterId: clusterId }),
      'staffClusterId', () => count(`users WHERE id = $1 AND display_name = 'Renamed'`, [ownerId])],
    ['an organisation with an owner smuggled in', () => http().post('/api/v1/organisations').set(staff).send({ ...organisation, clusterId, ownerUserId: ownerId }),
      'ownerUserId', () => count(`organisations WHERE name = $1`, [organisation.name])],
    ['an organisation edit with an unknown nested object', () => http().patch(`/api/v1/organisations/${organisationId}`).set(owner).send({ name: 'Renamed Oy', settings: { verified: true } }),
      'settings', () => count(`organisations WHERE name = 'Renamed Oy'`, [])],
    ['a product whose array holds objects', () => http().post('/api/v1/products').set(owner).send({ ...product, organisationId, segments: [{ admin: true }] }),
      'segments', () => count(`products WHERE organisation_id = $1`, [organisationId])],
    ['a channel setting its own used capacity', () => http().post('/api/v1/channels').set(owner).send({ ...channel, organisationId, usedCapacity: 0 }),
      'usedCapacity', () => count(`channels WHERE organisation_id = $1`, [organisationId])],
    ['a complementarity rule with a source', () => http().post('/api/v1/complementarity-rules').set(staff).send({ categoryA: '326199', categoryB: '333318', weight: 0.5, source: 'mined' }),
      'source', () => count(`complementarity_rules WHERE cluster_id = $1`, [clusterId])],
    ['a list query with an unknown filter', () => http().get('/api/v1/organisations').set(staff).query({ limit: 5, ownerId }),
      'ownerId', async () => 0],
  ];

  it.each(cases)('%s', async (_what, send, field, rows) => {
    const before = await rows();
    const problem = expectProblem(await send(), 400, 'common.validation_failed');
    expect((problem.errors as Row[]).map((e) => e.field)).toEqual([field]);
    expect(await rows()).toBe(before);
  });

  it('a decision carrying who decided is refused and the request stays pending', async () => {
    const approval = await world.approvalRequest(clusterId, { partyOrganisationIds: [organisationId] });
    const problem = expectProblem(
      await http().post(`/api/v1/approvals/${approval.id}/decision`).set(staff).send({ decision: 'approved', decidedBy: ownerId }),
      400,
    );
    expect((problem.errors as Row[]).map((e) => e.field)).toEqual(['decidedBy']);
    expect((await world.one(`SELECT status FROM approval_requests WHERE id = $1`, [approval.id])).status).toBe('pending');
  });
});
