import { Queue } from 'bullmq';
import { Row } from '../../factories/world';
import { waitForMail } from '../../support/mailbox';
import { expectProblem } from '../../support/problem';
import { useStack } from '../../support/stack';
import { eventually } from '../../support/smtp-sink';
import { matchMarket } from './match-market';

describe('channel sharing: answering a match: declines, reminders, expiry, removed members', () => {
  const stack = useStack({ worker: true });
  const { http } = stack;
  const { market, approve } = matchMarket(() => stack.world, () => stack.api.url);

  it('a decline needs a reason, tells both, and keeps the pair out of the next run', async () => {
    const m = await market();
    await approve(m.staff, m.approvalId, m.match.id, m.g);
    const noReason = await http().post(`/api/v1/channel-matches/${m.match.id}/decline`).set(m.h).send({});
    expect((expectProblem(noReason, 400).errors as Row[]).map((e) => e.field)).toEqual(['reason']);
    const declined = await http().post(`/api/v1/channel-matches/${m.match.id}/decline`).set(m.h).send({ reason: 'Channel is full this season' }).expect(200);
    expect(declined.body).toEqual(expect.objectContaining({ status: 'declined', declinedBy: 'host', declineReason: 'Channel is full this season' }));
    const [mail] = await waitForMail(m.guestUser.email, { subject: /declined/ });
    expect(mail.text).toContain('Reason: Channel is full this season');
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(m.g).send({}), 409);

    const again = await http().post('/api/v1/matching-runs').set(m.staff).send({}).expect(201);
    const run = await eventually(async () => {
      const r = await http().get(`/api/v1/matching-runs/${again.body.id}`).set(m.staff).expect(200);
      return r.body.status === 'completed' ? r.body : undefined;
    }, 'the second run');
    expect(run.proposalsCreated).toBe(0);
    const open = await stack.world.db.query(`SELECT status FROM channel_matches WHERE channel_id = $1 AND product_id = $2`, [m.channel.id, m.product.id]);
    expect(open.rows.map((r: Row) => r.status)).toEqual(['declined']);
  });

  it.each([
    { subject: 'product', owner: 'guest', other: 'host' },
    { subject: 'channel', owner: 'host', other: 'guest' },
  ] as const)('withdrawing a $subject declines its live matches on the $owner\'s behalf and tells the $other', async ({ subject, owner, other }) => {
    const m = await market();
    const auth = { host: m.h, guest: m.g };
    const user = { host: m.hostUser, guest: m.guestUser };
    const path = subject === 'product' ? `/api/v1/products/${m.product.id}` : `/api/v1/channels/${m.channel.id}`;
    await approve(m.staff, m.approvalId, m.match.id, m.g);
    await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(auth[other]).send({}).expect(200);
    // Only its owner withdraws it: the other party cannot, and nothing changes.
    await http().delete(path).set(auth[other]).expect(404);
    expect((await http().get(`/api/v1/channel-matches/${m.match.id}`).set(auth[other]).expect(200)).body.status).toBe('approved');

    await http().delete(path).set(auth[owner]).expect(204);
    const reason = `The ${owner} withdrew the ${subject} from its catalogue.`;
    const seen = await http().get(`/api/v1/channel-matches/${m.match.id}`).set(auth[other]).expect(200);
    expect(seen.body).toEqual(expect.objectContaining({ status: 'declined', declinedBy: owner, declineReason: reason }));
    const [mail] = await waitForMail(user[other].email, { subject: /declined/ });
    expect(mail.text).toContain(`Reason: ${reason}`);
    const audit = await stack.world.db.query(`SELECT actor_user_id FROM audit_log WHERE action = 'channel_match.declined' AND subject_id = $1`, [m.match.id]);
    expect(audit.rows).toEqual([{ actor_user_id: user[owner].id }]);
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(auth[owner]).send({}), 409);
  });

  it('reminds the parties that have not answered once, then expires the match', async () => {
    const m = await market();
    await approve(m.staff, m.approvalId, m.match.id, m.g);
    await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(m.g).send({}).expect(200);
    await stack.world.db.query(`UPDATE channel_matches SET respond_by = now() + interval '1 day' WHERE id = $1`, [m.match.id]);
    const queue = new Queue('maintenance', { connection: { url: process.env.REDIS_URL }, prefix: '{clusterlink}' });
    const runJob = async (tag: string) => {
      const jobId = `expire-test-${m.match.id}-${tag}`;
      await queue.add('channel-sharing.expire-matches', {}, { jobId });
      await eventually(async () => (await queue.getJobState(jobId)) === 'completed', `expire run ${tag}`);
    };
    try {
      await runJob('1');
      await runJob('2');
      // Only the host, who has not answered, is reminded — once, however often the job runs.
      const [reminder] = await waitForMail(m.hostUser.email, { subject: /Reminder: answer the channel-sharing match/ });
      expect(reminder.text).toContain('expires');
      const written = await stack.world.db.query(`SELECT recipient_email FROM notifications WHERE template = 'channel_sharing.match' AND data->>'step' = 'reminder' AND data->>'matchId' = $1`, [m.match.id]);
      expect(written.rows.map((r: Row) => r.recipient_email)).toEqual([m.hostUser.email]);

      await stack.world.db.query(`UPDATE channel_matches SET respond_by = now() - interval '1 minute' WHERE id = $1`, [m.match.id]);
      await runJob('3');
      await runJob('4');
    } finally {
      await queue.close();
    }
    const expired = await http().get(`/api/v1/channel-matches/${m.match.id}`).set(m.g).expect(200);
    expect(expired.body.status).toBe('expired');
    await waitForMail(m.guestUser.email, { subject: /expired/ });
    const mails = await stack.world.db.query(`SELECT 1 FROM notifications WHERE data->>'step' = 'expired' AND data->>'matchId' = $1`, [m.match.id]);
    expect(mails.rowCount).toBe(2);
  });

  it('a member removed from a party can no longer answer for it, though their access token still lists it', async () => {
    const m = await market();
    await approve(m.staff, m.approvalId, m.match.id, m.g);
    const stillOwner = await stack.world.auth(await stack.world.member(m.guest.id, 'owner'));
    await http().delete(`/api/v1/organisations/${m.guest.id}/members/${m.guestUser.id}`).set(stillOwner).expect(204);
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(m.g).send({}), 404, 'channel_sharing.match_not_found');
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/decline`).set(m.g).send({ reason: 'Not us' }), 404);
    const row = await stack.world.one('SELECT status, guest_accepted_at FROM channel_matches WHERE id = $1', [m.match.id]);
    expect(row).toEqual({ status: 'approved', guest_accepted_at: null });
    await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(stillOwner).send({}).expect(200);
  });
});
