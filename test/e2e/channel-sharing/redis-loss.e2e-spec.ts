import { Queue } from 'bullmq';
import request from 'supertest';
import { World } from '../../factories/world';
import { mailTo } from '../../support/mailbox';
import { OwnRedis } from '../../support/own-redis';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { eventually } from '../../support/smtp-sink';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Redis loses every queued job: runs and mails are recovered from PostgreSQL', () => {
  let redis: OwnRedis;
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  const http = () => request(api.url);

  beforeAll(async () => {
    redis = await OwnRedis.start();
    // Short intervals keep the test quick; small shards make the run several jobs.
    const env = { REDIS_URL: redis.url, RECONCILE_INTERVAL_MS: '1500', OUTBOX_REQUEUE_AFTER_SECONDS: '3', MATCHING_SHARD_CHANNELS: '1' };
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

  it('a run whose shards were queued finishes, and each mail queued is delivered once', async () => {
    const { staff, host, h } = await world.hostAndGuest();
    for (const name of ['North', 'South', 'East']) {
      await http().post('/api/v1/channels').set(h).send({
        organisationId: host.id, name, type: 'distributor', markets: ['FI'], segments: ['utilities'], capacity: 50, capacityUnit: 'pallets', commissionPct: 10,
      }).expect(201);
    }
    // Hold the jobs in Redis: nothing runs until Redis has lost them.
    const connection = { host: '127.0.0.1', port: redis.port };
    const queues = ['matching', 'mail'].map((name) => new Queue(name, { prefix: '{clusterlink}', connection }));
    await Promise.all(queues.map((q) => q.pause()));
    const run = (await http().post('/api/v1/matching-runs').set(staff).send({}).expect(201)).body;
    expect(run.status).toBe('running');
    const emails = [1, 2, 3].map((i) => `loss-${i}-${Date.now()}@example.test`);
    for (const email of emails) await http().post('/api/v1/auth/register').send({ email, password: 'correct horse battery staple', displayName: 'Ada' }).expect(202);
    await eventually(async () => (await queues[1].count()) >= 3, 'the mails to be queued');
    expect((await queues[0].getJobCounts('waiting-children'))['waiting-children']).toBe(1);
    await Promise.all(queues.map((q) => q.close()));

    await redis.restart();

    const finished = await eventually(async () => {
      const now = (await http().get(`/api/v1/matching-runs/${run.id}`).set(staff).expect(200)).body;
      return now.status !== 'running' ? now : undefined;
    }, 'the run to finish after Redis came back', 30_000, 250);
    expect(finished).toEqual(expect.objectContaining({ status: 'completed', shardsDone: 3, progressPct: 100, error: null }));
    for (const email of emails) await eventually(async () => (await mailTo(email)).length >= 1, `the mail to ${email}`, 30_000, 250);
    await sleep(4_000); // past OUTBOX_REQUEUE_AFTER_SECONDS: a mail sent twice would be here by now
    for (const email of emails) expect(await mailTo(email)).toHaveLength(1);
  });
});
