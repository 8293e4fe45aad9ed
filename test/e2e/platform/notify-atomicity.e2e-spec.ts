import request from 'supertest';
import { Row, World } from '../../factories/world';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { matchMarket } from '../channel-sharing/match-market';

/**
 * Every use case that notifies writes its notification in the transaction of the change it
 * reports (the outbox): if the notification cannot be written, the change is not made either.
 * A notification row for a recipient whose address starts with `atomic-` fails here (a trigger
 * the test installs), and each case checks the state it would have changed is as it was. A use
 * case that notified after its commit would leave the change made and no notification.
 */
describe('a change and the notification it causes commit together', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  const http = () => request(api.url);
  const { market, approve } = matchMarket(() => world, () => api.url);
  const atomic = (what: string) => `atomic-${what}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@test.example`;
  const count = async (sql: string, params: unknown[]) => (await world.one(`SELECT count(*)::int AS n FROM ${sql}`, params)).n as number;
  const makeAtomic = async (userId: string) => world.db.query(`UPDATE users SET email = $2 WHERE id = $1`, [userId, atomic('user')]);

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    world = new World(api.url);
    await world.owner.query(`CREATE OR REPLACE FUNCTION test_refuse_notification() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure writing a notification'; END $$`);
    await world.owner.query(`DROP TRIGGER IF EXISTS test_refuse_notification ON notifications`);
    await world.owner.query(`CREATE TRIGGER test_refuse_notification BEFORE INSERT ON notifications FOR EACH ROW
      WHEN (NEW.recipient_email LIKE 'atomic-%') EXECUTE FUNCTION test_refuse_notification()`);
  });
  afterAll(async () => {
    await world.owner.query(`DROP TRIGGER IF EXISTS test_refuse_notification ON notifications`);
    await world.close();
    await api.stop();
    await worker.stop();
  });

  /** Sends the request, expects it to fail as a server error, and returns the state read afterwards. */
  const failsAndChangesNothing = async (send: () => request.Test, state: () => Promise<unknown>, before: unknown) => {
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(await state()).toEqual(before);
  };

  it('registration: no account without its verification mail', async () => {
    const email = atomic('register');
    await failsAndChangesNothing(() => http().post('/api/v1/auth/register').send({ email, password: 'a long enough password', displayName: 'A' }),
      () => count('users WHERE email = $1', [email]), 0);
  });

  it('password reset: no token without its mail', async () => {
    const user = await world.user(['talent'], { email: atomic('reset') });
    await failsAndChangesNothing(() => http().post('/api/v1/auth/password-reset').send({ email: user.email }),
      () => count(`email_tokens WHERE user_id = $1`, [user.id]), 0);
  });

  it.each([['member', 'organisation'], ['staff', 'cluster']])('%s invitation: no invitation without its mail', async (_kind, scope) => {
    const cluster = await world.cluster();
    const email = atomic('invite');
    const [url, actor] = scope === 'organisation'
      ? [`/api/v1/organisations/${(await world.organisation(cluster.id)).id}/members`, await world.auth(await world.user(['staff'], { clusterId: cluster.id }))]
      : [`/api/v1/clusters/${cluster.id}/staff`, await world.auth(await world.user(['admin']))];
    await failsAndChangesNothing(() => http().post(url).set(actor).send(scope === 'organisation' ? { email, role: 'member' } : { email }),
      () => count('invitations WHERE email = $1', [email]), 0);
  });

  it.each([
    ['approved', { decision: 'approved' }],
    ['rejected', { decision: 'rejected', reason: 'Not a fit' }],
  ])('approval decision (%s): the request stays pending, with no audit row', async (_what, body) => {
    const cluster = await world.cluster();
    const staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
    const party = await world.organisation(cluster.id);
    const requester = await world.member(party.id);
    await makeAtomic(requester.id);
    const approval = await world.approvalRequest(cluster.id, { partyOrganisationIds: [party.id], requestedBy: requester.id });
    const state = async () => [
      (await world.one('SELECT status FROM approval_requests WHERE id = $1', [approval.id])).status,
      await count(`audit_log WHERE subject_id = $1`, [approval.id]),
    ];
    await failsAndChangesNothing(() => http().post(`/api/v1/approvals/${approval.id}/decision`).set(staff).send(body), state, ['pending', 0]);
  });

  it('channel match decline, accept and agreement: the match and the channel stay as they were', async () => {
    const matchState = async (id: string) => world.one(
      `SELECT m.status, m.host_accepted_at, m.guest_accepted_at, c.used_capacity FROM channel_matches m JOIN channels c ON c.id = m.channel_id WHERE m.id = $1`, [id]);
    const declined = await market();
    await approve(declined.staff, declined.approvalId, declined.match.id, declined.g);
    await makeAtomic(declined.guestUser.id);
    const beforeDecline = await matchState(declined.match.id);
    await failsAndChangesNothing(() => http().post(`/api/v1/channel-matches/${declined.match.id}/decline`).set(declined.h).send({ reason: 'Full' }),
      () => matchState(declined.match.id), beforeDecline);

    const m = await market();
    await approve(m.staff, m.approvalId, m.match.id, m.g);
    const guestEmail = m.guestUser.email;
    await makeAtomic(m.guestUser.id);
    const beforeAccept = await matchState(m.match.id);
    await failsAndChangesNothing(() => http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(m.h).send({}),
      () => matchState(m.match.id), beforeAccept);

    await world.db.query(`UPDATE users SET email = $2 WHERE id = $1`, [m.guestUser.id, guestEmail]);
    for (const side of [m.h, m.g]) await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(side).send({}).expect(200);
    await makeAtomic(m.guestUser.id);
    const beforeAgreement: Row = await matchState(m.match.id);
    expect(beforeAgreement.status).toBe('accepted');
    await failsAndChangesNothing(() => http().post(`/api/v1/channel-matches/${m.match.id}/agreement`).set(m.h)
      .send({ commissionPct: 10, capacityAllotted: 10, termMonths: 12 }), () => matchState(m.match.id), beforeAgreement);
  });
});
