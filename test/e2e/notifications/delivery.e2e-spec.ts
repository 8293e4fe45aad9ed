import { spawn } from 'node:child_process';
import request from 'supertest';
import { World } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { freePort, RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { eventually, SmtpSink } from '../../support/smtp-sink';

const statuses = async (world: World, ids: string[]) => {
  const { rows } = await world.db.query(`SELECT email_status, count(*)::int AS n FROM notifications WHERE id = ANY($1) GROUP BY 1`, [ids]);
  return Object.fromEntries(rows.map((r: { email_status: string; n: number }) => [r.email_status, r.n])) as Record<string, number>;
};

const everyOnce = (sink: SmtpSink, ids: string[]) => {
  const counts = sink.countsById();
  return {
    missing: ids.filter((id) => !counts.has(id)).length,
    duplicated: ids.filter((id) => (counts.get(id) ?? 0) > 1).length,
  };
};

describe('notification delivery: nothing lost, nothing twice', () => {
  let api: RunningApi;
  let world: World;
  let sink: SmtpSink;
  const workers: RunningProcess[] = [];
  const worker = async (env: Record<string, string> = {}) => {
    const w = await startWorker({ SMTP_URL: sink.url, OUTBOX_REQUEUE_AFTER_SECONDS: '3', ...env });
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    api = await startApi();
    world = new World(api.url);
    sink = new SmtpSink(await freePort());
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await sink.stop();
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
  });

  it('a change that rolls back sends nothing', async () => {
    await sink.start();
    await worker();
    // Fail registrations of rollback-* addresses at COMMIT, after the outbox row and its NOTIFY were written.
    await world.owner.query(`CREATE OR REPLACE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure at commit'; END $$`);
    await world.owner.query(`DROP TRIGGER IF EXISTS test_fail_commit ON users`);
    await world.owner.query(`CREATE CONSTRAINT TRIGGER test_fail_commit AFTER INSERT ON users DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.email LIKE 'rollback-%') EXECUTE FUNCTION test_fail_commit()`);
    try {
      const email = `rollback-${Date.now()}@test.example`;
      const res = await request(api.url).post('/api/v1/auth/register').send({ email, password: 'long enough password', displayName: 'R' });
      expectProblem(res, 500);
      // A control registration in the same period is delivered, so the pipeline was running.
      const control = `control-${Date.now()}@test.example`;
      await request(api.url).post('/api/v1/auth/register').send({ email: control, password: 'long enough password', displayName: 'C' }).expect(202);
      await eventually(() => sink.to(control).length === 1, 'the control mail');
      await new Promise((r) => setTimeout(r, 1500));
      expect(sink.to(email)).toEqual([]);
      expect((await world.db.query('SELECT 1 FROM notifications WHERE recipient_email = $1', [email])).rowCount).toBe(0);
      expect((await world.db.query('SELECT 1 FROM users WHERE email = $1', [email])).rowCount).toBe(0);
    } finally {
      await world.owner.query(`DROP TRIGGER IF EXISTS test_fail_commit ON users`);
    }
  });

  it('while SMTP is down mail is retried, and delivered once it is back; none lost', async () => {
    await worker();
    const ids = await world.pendingNotifications(Array.from({ length: 20 }, (_, i) => `down-${i}-${Date.now()}@test.example`));
    await eventually(async () => (await world.one(`SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1) AND attempts > 0`, [ids])).n === 20, 'failed first attempts');
    expect(await statuses(world, ids)).toEqual({ pending: 20 });
    await sink.start();
    await eventually(async () => (await statuses(world, ids)).sent === 20, 'all 20 sent after SMTP came back', 45_000);
    expect(everyOnce(sink, ids)).toEqual({ missing: 0, duplicated: 0 });
  });

  it('a worker killed with SIGKILL in the middle of 500 emails: after a restart every email arrives, repeats only of those in flight', async () => {
    await sink.start();
    const ids = await world.pendingNotifications(Array.from({ length: 500 }, (_, i) => `kill-${i}-${Date.now()}@test.example`));
    const first = await worker({ SMTP_POOL_SIZE: '5' });
    await eventually(() => sink.messages.length >= 120, '120 deliveries before the kill');
    await first.kill();
    const sentBeforeRestart = (await statuses(world, ids)).sent ?? 0;
    expect(sentBeforeRestart).toBeLessThan(500);
    await worker();
    await eventually(async () => (await statuses(world, ids)).sent === 500, 'all 500 sent', 90_000);
    await new Promise((r) => setTimeout(r, 500));
    const { missing, duplicated } = everyOnce(sink, ids);
    expect(missing).toBe(0);
    // SMTP cannot accept a message and our commit atomically: a message the server accepted in the
    // moment before the killed worker committed is sent again, with the same Message-ID. That can
    // only be a message in flight at the kill, so at most one per SMTP connection (5), never the
    // ~120 already delivered (which a missing status check would resend).
    expect(duplicated).toBeLessThanOrEqual(5);
    const mine = new Set(ids);
    expect(sink.messages.filter((m) => m.id && mine.has(m.id))).toHaveLength(500 + duplicated);
  });

  it('Redis restarted mid-run (its jobs lost): the outbox rows are still delivered', async () => {
    await sink.start();
    const port = await freePort();
    const startRedis = () => {
      const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      return { child, exited: new Promise((r) => child.on('exit', r)) };
    };
    let redis = startRedis();
    await new Promise((r) => setTimeout(r, 300));
    try {
      const env = { REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_PREFIX: `{redis-restart-${port}}` };
      // A slow SMTP pool so Redis dies with jobs waiting.
      await worker({ ...env, SMTP_POOL_SIZE: '1' });
      const ids = await world.pendingNotifications(Array.from({ length: 300 }, (_, i) => `redis-${i}-${Date.now()}@test.example`));
      await eventually(() => sink.messages.length >= 30, 'some deliveries before the restart');
      redis.child.kill('SIGKILL');
      await redis.exited;
      redis = startRedis();
      await eventually(async () => (await statuses(world, ids)).sent === 300, 'all 300 sent after the restart', 90_000);
      expect(everyOnce(sink, ids)).toEqual({ missing: 0, duplicated: 0 });
    } finally {
      redis.child.kill('SIGKILL');
    }
  });

  it('a refused address is parked as failed, listed to its cluster\'s staff, and resent on request', async () => {
    await sink.start({ reject: '^bounce-' });
    await worker();
    const cluster = await world.cluster();
    const org = await world.organisation(cluster.id);
    const staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
    const email = `bounce-${Date.now()}@test.example`;
    await request(api.url).post(`/api/v1/organisations/${org.id}/members`).set(staff).send({ email, role: 'member' }).expect(201);

    const failed = await eventually(async () => {
      const page = await request(api.url).get('/api/v1/notifications/failed').set(staff).expect(200);
      return page.body.items.find((n: { recipientEmail: string }) => n.recipientEmail === email);
    }, 'the refused mail to be parked');
    expect(failed).toEqual(expect.objectContaining({ emailStatus: 'failed', attempts: 1, lastError: expect.stringContaining('550') }));

    // Staff of another cluster neither see nor resend it.
    const outsider = await world.auth(await world.user(['staff'], { clusterId: (await world.cluster()).id }));
    const theirs = await request(api.url).get('/api/v1/notifications/failed').set(outsider).expect(200);
    expect(theirs.body.items.map((n: { id: string }) => n.id)).not.toContain(failed.id);
    expectProblem(await request(api.url).post(`/api/v1/notifications/${failed.id}/resend`).set(outsider), 404);

    await sink.stop();
    await sink.start();
    await request(api.url).post(`/api/v1/notifications/${failed.id}/resend`).set(staff).expect(201);
    await eventually(() => sink.to(email).length === 1, 'the resent mail');
    expectProblem(await request(api.url).post(`/api/v1/notifications/${failed.id}/resend`).set(staff), 409, 'notifications.not_failed');
  });
});
