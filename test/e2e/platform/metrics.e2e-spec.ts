import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { World } from '../../factories/world';
import { sampleValue, scrape, scrapeUntil } from '../../support/metrics-text';
import { expectProblem } from '../../support/problem';
import { freePort, RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';

const TOKEN = randomBytes(24).toString('hex');
const METRICS_ENV = { METRICS_TOKEN: TOKEN, WORKER_METRICS_PORT: '0' };

/** The port a worker's metrics server took (WORKER_METRICS_PORT=0 lets it pick a free one). */
function metricsUrlOf(worker: RunningProcess): string {
  const port = /worker metrics listening on port (\d+)/.exec(worker.output())?.[1];
  if (!port) throw new Error(`the worker logged no metrics port:\n${worker.output()}`);
  return `http://127.0.0.1:${port}`;
}

/** The refusals both processes give, from the same code (metrics-route.ts). */
async function expectRefusals(baseUrl: string): Promise<void> {
  const missing = await request(baseUrl).get('/metrics');
  expectProblem(missing, 401, 'auth.unauthenticated');
  expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
  expectProblem(await request(baseUrl).get('/metrics').set('authorization', `Bearer ${TOKEN}x`), 401, 'auth.invalid_token');
  expectProblem(await request(baseUrl).get('/metrics').set('authorization', `Bearer ${TOKEN.slice(0, -1)}`), 401, 'auth.invalid_token');
  expectProblem(await request(baseUrl).get('/metrics').set('authorization', TOKEN), 401, 'auth.unauthenticated');
  const ok = await request(baseUrl).get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
  expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(ok.text).toContain('# TYPE process_cpu_seconds_total counter');
}

describe('Prometheus metrics', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  let workerUrl: string;

  beforeAll(async () => {
    api = await startApi(METRICS_ENV);
    worker = await startWorker(METRICS_ENV);
    workerUrl = metricsUrlOf(worker);
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker.stop();
  });

  it('serves the API\'s metrics to the holder of METRICS_TOKEN only', async () => {
    await expectRefusals(api.url);
  });

  it('serves the worker\'s metrics on its own port, to the holder of the token only, and nothing else there', async () => {
    await expectRefusals(workerUrl);
    expectProblem(await request(workerUrl).get('/api/v1/me').set('authorization', `Bearer ${TOKEN}`), 404, 'common.not_found');
  });

  it('times each request under its route pattern and status, never its raw URL', async () => {
    const admin = await world.auth(await world.user(['admin']));
    const cluster = await world.cluster();
    const labels = { method: 'GET', route: '/api/v1/clusters/:id', status: '200', process: 'api' };
    const before = sampleValue(await scrape(api.url, TOKEN), 'http_request_duration_seconds_count', labels) ?? 0;
    await request(api.url).get(`/api/v1/clusters/${cluster.id}`).set(admin).expect(200);
    await request(api.url).get(`/api/v1/clusters/${cluster.id}`).set(admin).expect(200);
    await request(api.url).get(`/api/v1/no-such-route-${cluster.id}`).expect(404);
    const text = await scrape(api.url, TOKEN);
    expect(sampleValue(text, 'http_request_duration_seconds_count', labels)).toBe(before + 2);
    expect(sampleValue(text, 'http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(before + 2);
    expect(sampleValue(text, 'http_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
    expect(sampleValue(text, 'http_request_duration_seconds_count', { route: '(unmatched)', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(cluster.id);
  });

  it('times the worker\'s jobs by queue and job name, and reads queue depth per state', async () => {
    const email = `metrics-${Date.now()}@test.example`;
    const labels = { queue: 'mail', job: 'notifications.deliver', outcome: 'completed' };
    const before = sampleValue(await scrape(workerUrl, TOKEN), 'clusterlink_job_duration_seconds_count', labels) ?? 0;
    // Registering sends a verification mail: an outbox row the worker delivers as a mail job.
    await request(api.url).post('/api/v1/auth/register').send({ email, password: 'correct horse battery staple', displayName: 'Ada' }).expect(202);
    const text = await scrapeUntil(workerUrl, TOKEN, (t) => (sampleValue(t, 'clusterlink_job_duration_seconds_count', labels) ?? 0) > before);
    expect(sampleValue(text, 'clusterlink_job_duration_seconds_count', labels)).toBeGreaterThan(before);
    expect(sampleValue(text, 'clusterlink_job_duration_seconds_sum', labels)).toBeGreaterThan(0);
    const completed = sampleValue(text, 'clusterlink_queue_jobs', { queue: 'mail', state: 'completed' });
    expect(completed).toBeGreaterThanOrEqual(1);
    for (const queue of ['mail', 'events', 'matching', 'maintenance']) {
      expect(sampleValue(text, 'clusterlink_queue_jobs', { queue, state: 'waiting' })).toBeGreaterThanOrEqual(0);
    }
  });

  it('reports the outbox backlog: how many rows wait and how old the oldest is', async () => {
    // Committed an hour ago and marked enqueued just now: the relay leaves it alone for
    // OUTBOX_REQUEUE_AFTER_SECONDS, so it waits, undelivered, while the worker is scraped.
    const row = await world.one(
      `INSERT INTO domain_events (type, payload, created_at, enqueued_at) VALUES ('test.metrics_backlog', '{}', now() - interval '1 hour', now()) RETURNING id`,
    );
    try {
      const text = await scrape(workerUrl, TOKEN);
      expect(sampleValue(text, 'clusterlink_outbox_pending', { source: 'domain_events' })).toBeGreaterThanOrEqual(1);
      expect(sampleValue(text, 'clusterlink_outbox_oldest_pending_age_seconds', { source: 'domain_events' })).toBeGreaterThanOrEqual(3600);
      expect(sampleValue(text, 'clusterlink_outbox_pending', { source: 'notifications' })).toBeGreaterThanOrEqual(0);
    } finally {
      await world.db.query('UPDATE domain_events SET dispatched_at = now() WHERE id = $1', [row.id]);
    }
  });

  it('times a full matching run from start to completion', async () => {
    const cluster = await world.cluster();
    const staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
    const labels = { kind: 'full', trigger: 'staff' };
    const before = sampleValue(await scrape(workerUrl, TOKEN), 'clusterlink_matching_run_duration_seconds_count', labels) ?? 0;
    const run = (await request(api.url).post('/api/v1/matching-runs').set(staff).send({ clusterId: cluster.id }).expect(201)).body as { id: string };
    const text = await scrapeUntil(workerUrl, TOKEN, (t) => (sampleValue(t, 'clusterlink_matching_run_duration_seconds_count', labels) ?? 0) > before);
    expect(sampleValue(text, 'clusterlink_matching_run_duration_seconds_count', labels)).toBe(before + 1);
    const view = (await request(api.url).get(`/api/v1/matching-runs/${run.id}`).set(staff).expect(200)).body as { status: string };
    expect(view.status).toBe('completed');
  });

  it('counts mail the SMTP server did not take', async () => {
    // A second worker whose SMTP server is not there; the first one stops so it takes the job.
    await worker.stop();
    const closed = await freePort();
    const failing = await startWorker({ ...METRICS_ENV, SMTP_URL: `smtp://127.0.0.1:${closed}` });
    try {
      const url = metricsUrlOf(failing);
      expect(sampleValue(await scrape(url, TOKEN), 'clusterlink_mail_send_failures_total', { reply: 'none' })).toBeUndefined();
      await request(api.url).post('/api/v1/auth/register')
        .send({ email: `unsent-${Date.now()}@test.example`, password: 'correct horse battery staple', displayName: 'Ada' }).expect(202);
      // The failure is counted as the send fails, the job's duration once the job has failed: a
      // scrape may fall between the two, so it waits for both.
      const text = await scrapeUntil(url, TOKEN, (t) => sampleValue(t, 'clusterlink_mail_send_failures_total', { reply: 'none' }) !== undefined
        && sampleValue(t, 'clusterlink_job_duration_seconds_count', { job: 'notifications.deliver', outcome: 'failed' }) !== undefined);
      expect(sampleValue(text, 'clusterlink_mail_send_failures_total', { reply: 'none' })).toBeGreaterThanOrEqual(1);
      expect(sampleValue(text, 'clusterlink_job_duration_seconds_count', { job: 'notifications.deliver', outcome: 'failed' })).toBeGreaterThanOrEqual(1);
    } finally {
      await failing.stop();
    }
  });

  it('serves no metrics without METRICS_TOKEN: /metrics is an unknown path', async () => {
    const bare = await startApi({ METRICS_TOKEN: '' });
    try {
      expectProblem(await request(bare.url).get('/metrics').set('authorization', `Bearer ${TOKEN}`), 404, 'common.not_found');
    } finally {
      await bare.stop();
    }
  });
});
