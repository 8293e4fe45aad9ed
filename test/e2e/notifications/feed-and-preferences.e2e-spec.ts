import { Pool } from 'pg';
import request from 'supertest';
import { Row, World } from '../../factories/world';
import { mailTo, waitForMail } from '../../support/mailbox';
import { expectProblem } from '../../support/problem';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { eventually } from '../../support/smtp-sink';

describe('in-app feed, preferences, digests and the audit trail', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  const http = () => request(api.url);
  let cluster: Row;
  let sme: Row;
  let owner: Row & { email: string };
  let ownerAuth: { authorization: string };
  let staff: { authorization: string };
  let admin: { authorization: string };

  // The queue tells the requester of each decision (the owning module tells the parties).
  const decideThree = async (party: Row, requester: Row) => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const approval = await world.approvalRequest(cluster.id, { partyOrganisationIds: [party.id], requestedBy: requester.id, summary: `Channel match ${i + 1}` });
      await http().post(`/api/v1/approvals/${approval.id}/decision`).set(staff).send({ decision: 'approved' }).expect(200);
      ids.push(approval.id);
    }
    return ids;
  };

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    world = new World(api.url);
    cluster = await world.cluster();
    sme = await world.organisation(cluster.id);
    owner = await world.member(sme.id, 'owner');
    ownerAuth = await world.auth(owner);
    staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
    admin = await world.auth(await world.user(['admin']));
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker.stop();
  });

  it('lists preferences per category; security mail cannot be digested or turned off', async () => {
    const prefs = await http().get('/api/v1/notification-preferences').set(ownerAuth).expect(200);
    expect(prefs.body.items).toContainEqual({ category: 'security', mode: 'immediate', changeable: false });
    expect(prefs.body.items).toContainEqual({ category: 'approvals', mode: 'immediate', changeable: true });
    expectProblem(await http().put('/api/v1/notification-preferences/security').set(ownerAuth).send({ mode: 'off' }), 400, 'notifications.always_immediate');
    expectProblem(await http().put('/api/v1/notification-preferences/nonsense').set(ownerAuth).send({ mode: 'off' }), 400);
    expectProblem(await http().put('/api/v1/notification-preferences/approvals').set(ownerAuth).send({ mode: 'weekly' }), 400);
  });

  it('with the daily-digest preference, three updates arrive as one digest mail, and stay in the feed', async () => {
    await http().put('/api/v1/notification-preferences/approvals').set(ownerAuth).send({ mode: 'daily_digest' }).expect(200);
    await decideThree(sme, owner);
    const feed = await http().get('/api/v1/notifications').set(ownerAuth).expect(200);
    expect(feed.body.unreadCount).toBe(3);
    expect(feed.body.items.map((n: Row) => n.title)).toEqual([
      'Approved: Channel match 3',
      'Approved: Channel match 2',
      'Approved: Channel match 1',
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await mailTo(owner.email)).toEqual([]); // nothing mailed one by one

    expectProblem(await http().post('/api/v1/notifications/digests/run').set(staff), 403);
    await http().post('/api/v1/notifications/digests/run').set(admin).expect(202);
    const [digest] = await waitForMail(owner.email, { subject: /digest/ });
    expect(digest.subject).toBe('Your Clusterlink digest: 3 updates');
    for (const n of [1, 2, 3]) expect(digest.text).toContain(`Approved: Channel match ${n}`);
    // Running it again finds nothing left to group.
    await http().post('/api/v1/notifications/digests/run').set(admin).expect(202);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await mailTo(owner.email)).toHaveLength(1);
  });

  it('with "off", updates reach the feed but no mail', async () => {
    const otherSme = await world.organisation(cluster.id);
    const member = await world.member(otherSme.id, 'member');
    const auth = await world.auth(member);
    await http().put('/api/v1/notification-preferences/approvals').set(auth).send({ mode: 'off' }).expect(200);
    await decideThree(otherSme, member);
    await eventually(async () => (await http().get('/api/v1/notifications').set(auth)).body.unreadCount === 3, 'three feed items');
    const { rows } = await world.db.query(`SELECT DISTINCT email_status FROM notifications WHERE recipient_user_id = $1`, [member.id]);
    expect(rows).toEqual([{ email_status: 'skipped' }]);
  });

  it('marks items read, one or all, and nobody else can touch them', async () => {
    const feed = await http().get('/api/v1/notifications').query({ limit: 1 }).set(ownerAuth).expect(200);
    const first = feed.body.items[0];
    expect(feed.body.nextCursor).toEqual(expect.any(String));
    const stranger = await world.auth(await world.user(['talent']));
    expectProblem(await http().post(`/api/v1/notifications/${first.id}/read`).set(stranger), 404, 'notifications.not_found');
    const strangerFeed = await http().get('/api/v1/notifications').set(stranger).expect(200);
    expect(strangerFeed.body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });

    const read = await http().post(`/api/v1/notifications/${first.id}/read`).set(ownerAuth).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await http().get('/api/v1/notifications').set(ownerAuth)).body.unreadCount).toBe(2);
    const all = await http().post('/api/v1/notifications/read-all').set(ownerAuth).expect(200);
    expect(all.body).toEqual({ count: 2 });
    const unread = await http().get('/api/v1/notifications').query({ unread: true }).set(ownerAuth).expect(200);
    expect(unread.body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });

  it('audit rows cannot be changed or deleted, not even by the database owner', async () => {
    const row = await world.one(`SELECT id FROM audit_log WHERE cluster_id = $1 LIMIT 1`, [cluster.id]);
    expect(row).toBeDefined();
    // The application's own role lacks the rights (test/e2e/platform/database-roles); the owner meets the trigger.
    const owner = new Pool({ connectionString: process.env.DATABASE_MIGRATION_URL, max: 1 });
    try {
      await expect(owner.query(`UPDATE audit_log SET action = 'tampered' WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM audit_log WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
    expect((await world.one(`SELECT action FROM audit_log WHERE id = $1`, [row.id])).action).not.toBe('tampered');
  });

  it('staff read their own cluster\'s trail only; other roles are refused', async () => {
    const mine = await http().get('/api/v1/audit').query({ action: 'approval.decided' }).set(staff).expect(200);
    expect(mine.body.items.length).toBeGreaterThanOrEqual(6);
    expect(new Set(mine.body.items.map((a: Row) => a.clusterId))).toEqual(new Set([cluster.id]));
    const outsider = await world.auth(await world.user(['staff'], { clusterId: (await world.cluster()).id }));
    const theirs = await http().get('/api/v1/audit').query({ action: 'approval.decided' }).set(outsider).expect(200);
    expect(theirs.body.items).toEqual([]);
    expectProblem(await http().get('/api/v1/audit').set(ownerAuth), 403);
  });
});
