import request from 'supertest';
import { Row, World } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { eventually } from '../../support/smtp-sink';

describe('channel sharing: a full matching run', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  const http = () => request(api.url);
  let cluster: Row;
  let staff: { authorization: string };

  const addProduct = async (auth: Record<string, string>, organisationId: string, over: object) =>
    (await http().post('/api/v1/products').set(auth).send({ organisationId, name: 'Product', grade: 3, segments: ['utilities'], markets: ['FI'], ...over }).expect(201)).body;
  const addChannel = async (auth: Record<string, string>, organisationId: string, over: object = {}) =>
    (await http().post('/api/v1/channels').set(auth).send({
      organisationId, name: 'Channel', type: 'distributor', markets: ['FI', 'SE'], segments: ['utilities'], capacity: 100, capacityUnit: 'pallets', commissionPct: 10, ...over,
    }).expect(201)).body;
  const runToEnd = async () => {
    const started = await http().post('/api/v1/matching-runs').set(staff).send({}).expect(201);
    return eventually(async () => {
      const run = await http().get(`/api/v1/matching-runs/${started.body.id}`).set(staff).expect(200);
      return run.body.status === 'completed' ? run.body : undefined;
    }, 'the run to complete');
  };

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    world = new World(api.url);
    cluster = await world.cluster();
    staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker.stop();
  });

  it('proposes complementary pairs with explanations, never competitors, and puts each in the approvals queue', async () => {
    const machinery = await world.organisation(cluster.id);
    const plastics = await world.organisation(cluster.id);
    const rival = await world.organisation(cluster.id);
    const m = await world.auth(await world.member(machinery.id));
    const p = await world.auth(await world.member(plastics.id));
    const r = await world.auth(await world.member(rival.id));
    await addProduct(m, machinery.id, { category: '333318', grade: 3 });
    const channel = await addChannel(m, machinery.id);
    const fittings = await addProduct(p, plastics.id, { category: '326199', grade: 2 });
    const rivalProduct = await addProduct(r, rival.id, { category: '333318', grade: 3 }); // same category and grade: competitor
    const premium = await addProduct(r, rival.id, { category: '333318', grade: 5 }); // same category, other grade: complement
    await http().post('/api/v1/complementarity-rules').set(staff).send({ categoryA: '326199', categoryB: '333318', weight: 0.8 }).expect(201);

    const run = await runToEnd();
    expect(run).toEqual(expect.objectContaining({ shardsDone: run.shardsTotal, progressPct: 100, proposalsCreated: expect.any(Number) }));
    expect(run.pairsScored).toBeGreaterThan(0);

    const { rows } = await world.db.query(
      `SELECT id, product_id, status, score, factors, approval_id FROM channel_matches WHERE channel_id = $1 ORDER BY score DESC`,
      [channel.id],
    );
    expect(rows.map((x: Row) => x.product_id)).toEqual([fittings.id, premium.id]);
    expect(rows.map((x: Row) => x.product_id)).not.toContain(rivalProduct.id);
    expect(rows[0].factors.map((f: Row) => f.factor)).toEqual(['complementarity', 'markets', 'segments', 'capacity', 'channelType']);

    const queue = await http().get('/api/v1/approvals').query({ kind: 'channel_match', status: 'pending', limit: 100 }).set(staff).expect(200);
    const approval = queue.body.items.find((a: Row) => a.id === rows[0].approval_id);
    expect(approval.partyOrganisationIds.sort()).toEqual([machinery.id, plastics.id].sort());
    expect(approval.details).toEqual(expect.objectContaining({ channelId: channel.id, productId: fittings.id, factors: rows[0].factors }));
    // The run files its requests set-based; each still has its entry in the cluster's audit trail.
    const trail = async (subjectId: string) =>
      (await http().get('/api/v1/audit').query({ subjectKind: 'approval_request', subjectId }).set(staff).expect(200)).body.items;
    expect(await trail(approval.id)).toEqual([
      expect.objectContaining({ action: 'approval.requested', clusterId: cluster.id, actorUserId: null, changes: expect.objectContaining({ subjectKind: { before: null, after: 'channel_match' }, subjectId: { before: null, after: rows[0].id } }) }),
    ]);

    // Running again changes nothing: same pairs, no new requests.
    const again = await runToEnd();
    expect(again).toEqual(expect.objectContaining({ proposalsCreated: 0, proposalsExpired: 0 }));
    expect(again.proposalsUpdated).toBe(rows.length);

    // A pair that is no longer kept expires, and its request is withdrawn.
    await http().patch(`/api/v1/channels/${channel.id}`).set(m).send({ markets: ['DE'] }).expect(200);
    // (The edit also schedules a refresh of the organisation; whichever comes first expires them.)
    await runToEnd();
    const after = await world.db.query('SELECT status FROM channel_matches WHERE channel_id = $1', [channel.id]);
    expect(after.rows.map((x: Row) => x.status)).toEqual(['expired', 'expired']);
    const request = await world.one('SELECT status FROM approval_requests WHERE id = $1', [rows[0].approval_id]);
    expect(request.status).toBe('withdrawn');
    expect((await trail(rows[0].approval_id)).map((a: Row) => [a.action, a.changes])).toEqual(expect.arrayContaining([
      ['approval.withdrawn', { status: { before: 'pending', after: 'withdrawn' } }],
    ]));
  });

  it('only staff of the cluster start and read runs', async () => {
    const member = await world.auth(await world.member((await world.organisation(cluster.id)).id));
    expectProblem(await http().post('/api/v1/matching-runs').set(member).send({}), 403, 'auth.role_required');
    const run = await http().post('/api/v1/matching-runs').set(staff).send({}).expect(201);
    expect(run.body).toEqual(expect.objectContaining({ trigger: 'staff', requestedBy: expect.any(String), organisationId: null }));
    const outsider = await world.auth(await world.user(['staff'], { clusterId: (await world.cluster()).id }));
    expectProblem(await http().get(`/api/v1/matching-runs/${run.body.id}`).set(outsider), 404, 'channel_sharing.run_not_found');
    expectProblem(await http().post('/api/v1/matching-runs').set(outsider).send({ clusterId: cluster.id }), 404, 'directory.cluster_not_found');
    expect((await http().get('/api/v1/matching-runs').set(outsider).expect(200)).body.items.map((r: Row) => r.id)).not.toContain(run.body.id);
    expectProblem(await http().post('/api/v1/matching-runs').set(staff).send({ k: 0 }), 400);
  });
});
