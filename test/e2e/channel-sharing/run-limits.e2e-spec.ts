import { Queue } from 'bullmq';
import request from 'supertest';
import { World } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { OwnRedis, redisCall } from '../../support/own-redis';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { eventually } from '../../support/smtp-sink';

describe('channel sharing: one full run per cluster, and a rate limit on staff runs', () => {
  let api: RunningApi;
  let worker: RunningProcess | undefined;
  let world: World;
  const http = () => request(api.url);

  beforeAll(async () => {
    api = await startApi({ MATCHING_RUNS_PER_HOUR: '3' });
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker?.stop();
  });

  it('a second run while one is in flight is 409 naming it; once it finishes another starts; the fourth staff run in an hour is 429', async () => {
    const { staff, host, h } = await world.hostAndGuest();
    await http().post('/api/v1/channels').set(h).send({
      organisationId: host.id, name: 'Distributor', type: 'distributor', markets: ['FI'], segments: ['utilities'], capacity: 50, capacityUnit: 'pallets', commissionPct: 10,
    }).expect(201);
    // No worker yet: the first run stays in flight while the second asks.
    const answers = await Promise.all([0, 1].map(() => http().post('/api/v1/matching-runs').set(staff).send({})));
    const started = answers.find((a) => a.status === 201);
    const refused = answers.find((a) => a.status === 409);
    expect(started).toBeDefined();
    expect(refused).toBeDefined();
    expectProblem(refused!, 409, 'channel_sharing.run_in_flight');
    expect(refused!.body).toEqual(expect.objectContaining({ runId: started!.body.id, currentState: 'running' }));
    expect(refused!.body.detail).toContain(started!.body.id);

    worker = await startWorker();
    const runToEnd = async (id: string) => eventually(async () => {
      const run = await http().get(`/api/v1/matching-runs/${id}`).set(staff).expect(200);
      return run.body.status === 'completed' ? run.body : undefined;
    }, 'the run to complete');
    await runToEnd(started!.body.id);
    for (let i = 0; i < 2; i++) {
      const next = await http().post('/api/v1/matching-runs').set(staff).send({}).expect(201);
      await runToEnd(next.body.id);
    }
    const limited = await http().post('/api/v1/matching-runs').set(staff).send({});
    expectProblem(limited, 429, 'channel_sharing.run_rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(3600);
    const { rows } = await world.db.query(`SELECT count(*)::int AS n FROM matching_runs WHERE requested_by IS NOT NULL AND cluster_id = (SELECT cluster_id FROM matching_runs WHERE id = $1)`, [started!.body.id]);
    expect(rows[0].n).toBe(3);
  });
});

describe('channel sharing: a run whose jobs the queue refuses', () => {
  let redis: OwnRedis;
  let api: RunningApi;
  let world: World;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    api = await startApi({ REDIS_URL: redis.url });
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
    await redis.kill();
  });

  it('fails with a sentence for staff; the raw Redis error goes only to the log', async () => {
    const cluster = await world.cluster();
    const staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
    // Redis now refuses every queue key (rate-limit counters still work): the flow cannot be added.
    expect(await redisCall(redis.port, ['ACL', 'SETUSER', 'default', 'reset', 'on', 'nopass', '~*throttle*', '&*', '+@all'])).toContain('+OK');
    const refused = await request(api.url).post('/api/v1/matching-runs').set(staff).send({});
    expectProblem(refused, 503, 'channel_sharing.queue_unavailable');
    const { rows } = await world.db.query(`SELECT status, error FROM matching_runs WHERE cluster_id = $1`, [cluster.id]);
    expect(rows).toEqual([{ status: 'failed', error: "The run's jobs could not be queued; nothing was changed. Try again later." }]);
    const run = await request(api.url).get(`/api/v1/matching-runs`).set(staff).expect(200);
    expect(run.body.items[0].error).not.toMatch(/EXECABORT|NOPERM|redis/i);
    // The queue's own words are in the log, next to the run they concern.
    expect(api.output()).toMatch(/"context":"MatchingRunsService"[^\n]*(EXECABORT|NOPERM)/);
  });
});

describe('channel sharing: a rule-change rebuild while a run is in flight', () => {
  let redis: OwnRedis;
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    const env = { REDIS_URL: redis.url, MATCHING_RULES_REBUILD_DELAY_MS: '200' };
    api = await startApi(env);
    worker = await startWorker(env);
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker.stop();
    await redis.kill();
  });

  it('joins the run in flight instead of starting a second one', async () => {
    const { cluster, staff, host, h } = await world.hostAndGuest();
    await request(api.url).post('/api/v1/channels').set(h).send({
      organisationId: host.id, name: 'Distributor', type: 'distributor', markets: ['FI'], segments: ['utilities'], capacity: 50, capacityUnit: 'pallets', commissionPct: 10,
    }).expect(201);
    // Shards wait while the matching queue is paused, so the staff run stays in flight.
    const matching = new Queue('matching', { prefix: '{clusterlink}', connection: { host: '127.0.0.1', port: redis.port } });
    const maintenance = new Queue('maintenance', { prefix: '{clusterlink}', connection: { host: '127.0.0.1', port: redis.port } });
    try {
      await matching.pause();
      const run = (await request(api.url).post('/api/v1/matching-runs').set(staff).send({}).expect(201)).body;
      await request(api.url).post('/api/v1/complementarity-rules').set(staff).send({ categoryA: '326199', categoryB: '333318', weight: 0.8 }).expect(201);
      const rebuilt = await eventually(async () => (await maintenance.getJobs(['completed', 'failed'])).find((j) => j.name === 'channel-sharing.rebuild-cluster'), 'the rebuild job');
      expect(rebuilt.returnvalue).toEqual({ runId: run.id });
      const { rows } = await world.db.query(`SELECT id, trigger FROM matching_runs WHERE cluster_id = $1 AND organisation_id IS NULL`, [cluster.id]);
      expect(rows).toEqual([{ id: run.id, trigger: 'staff' }]);
    } finally {
      await matching.resume();
      await Promise.all([matching.close(), maintenance.close()]);
    }
  });
});
