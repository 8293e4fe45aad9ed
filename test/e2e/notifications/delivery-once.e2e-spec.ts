import { Queue, QueueEvents } from 'bullmq';
import request from 'supertest';
import { World } from '../../factories/world';
import { mailTo, waitForMail } from '../../support/mailbox';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';

/**
 * A delivery job may run again after it succeeded: BullMQ retries after a stalled lock, the outbox
 * relay re-enqueues a row whose job it cannot see, an operator replays a job. The row's state, not
 * the job's, decides: a second run of a delivered notification's job must send nothing.
 */
describe('notification delivery: a job that runs again sends nothing again', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  const queue = new Queue('mail', { connection: { url: process.env.REDIS_URL }, prefix: '{clusterlink}' });
  const events = new QueueEvents('mail', { connection: { url: process.env.REDIS_URL }, prefix: '{clusterlink}' });

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    world = new World(api.url);
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await Promise.all([queue.close(), events.close()]);
    await world.close();
    await api.stop();
    await worker.stop();
  });

  it('replaying the delivery of a sent notification, once or concurrently, leaves one mail', async () => {
    const email = `once-${Date.now()}@test.example`;
    await request(api.url).post('/api/v1/auth/register').send({ email, password: 'a long enough password', displayName: 'Once' }).expect(202);
    await waitForMail(email);
    const row = await world.one(`SELECT id, email_status FROM notifications WHERE recipient_email = $1`, [email]);
    expect((await world.one(`SELECT email_status FROM notifications WHERE id = $1`, [row.id])).email_status).toBe('sent');

    const replays = await Promise.all(['a', 'b', 'c'].map((tag) =>
      queue.add('notifications.deliver', { notificationId: row.id }, {
        // Concurrent replays may find the row locked by each other and retry, as real jobs do.
        jobId: `replay-${row.id}-${tag}`, attempts: 5, backoff: { type: 'fixed', delay: 100 },
      })));
    const outcomes = await Promise.all(replays.map((job) => job.waitUntilFinished(events, 15_000)));
    expect(outcomes).toEqual([{ outcome: 'already sent' }, { outcome: 'already sent' }, { outcome: 'already sent' }]);

    // Give a stray send time to arrive before counting.
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailTo(email)).toHaveLength(1);
    const after = await world.one(`SELECT email_status, attempts FROM notifications WHERE id = $1`, [row.id]);
    expect(after).toEqual({ email_status: 'sent', attempts: 1 });
  });
});
