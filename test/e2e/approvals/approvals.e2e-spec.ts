import { Queue } from 'bullmq';
import request from 'supertest';
import { Row, World } from '../../factories/world';
import { waitForMail } from '../../support/mailbox';
import { expectProblem } from '../../support/problem';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { eventually } from '../../support/smtp-sink';

describe('approvals: one queue, decided once', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  const http = () => request(api.url);
  let cluster: Row;
  let otherCluster: Row;
  let sme: Row;
  let smeOwner: Row & { email: string };
  let staff: { authorization: string };
  let staffUser: Row & { email: string };

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    world = new World(api.url);
    cluster = await world.cluster();
    otherCluster = await world.cluster();
    sme = await world.organisation(cluster.id);
    smeOwner = await world.member(sme.id, 'owner');
    staffUser = await world.user(['staff'], { clusterId: cluster.id });
    staff = await world.auth(staffUser);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker.stop();
  });

  it('of 50 concurrent decisions on one request exactly one wins; the other 49 get 409 with the current state', async () => {
    // The queue tells whoever asked for the decision; the parties hear from the owning module.
    const approval = await world.approvalRequest(cluster.id, { partyOrganisationIds: [sme.id], requestedBy: smeOwner.id });
    const deciders = await Promise.all(
      Array.from({ length: 10 }, async () => world.auth(await world.user(['staff'], { clusterId: cluster.id }))),
    );
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        http()
          .post(`/api/v1/approvals/${approval.id}/decision`)
          .set(deciders[i % deciders.length])
          .send(i % 2 === 0 ? { decision: 'approved' } : { decision: 'rejected', reason: 'Channel overlaps' }),
      ),
    );
    const won = responses.filter((r) => r.status === 200);
    const lost = responses.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    const final = won[0].body.status as string;
    for (const r of lost) expect(expectProblem(r, 409, 'common.invalid_transition').currentState).toBe(final);

    // The decision is never rewritten.
    const again = await http().post(`/api/v1/approvals/${approval.id}/decision`).set(staff).send({ decision: 'approved' });
    expectProblem(again, 409);
    const stored = await world.one('SELECT status, decided_by FROM approval_requests WHERE id = $1', [approval.id]);
    expect(stored.status).toBe(final);

    // The owning module hears of it through a domain event, dispatched after commit...
    const event = await eventually(async () => {
      const row = await world.one(
        `SELECT payload, dispatched_at FROM domain_events WHERE type = 'approval.decided' AND payload->>'approvalId' = $1`,
        [approval.id],
      );
      return row?.dispatched_at ? row : undefined;
    }, 'the approval.decided event to be dispatched');
    expect(event.payload).toEqual(expect.objectContaining({ decision: final, subjectKind: 'channel_match', clusterId: cluster.id }));
    // ...and the requester by email, once.
    const mails = await waitForMail(smeOwner.email, { subject: /Approved|Not approved/ });
    expect(mails).toHaveLength(1);
    // The trail records it, with the request id of the winning HTTP request.
    const audit = await http().get('/api/v1/audit').query({ subjectId: approval.id, action: 'approval.decided' }).set(staff).expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toEqual(expect.objectContaining({ changes: { status: { before: 'pending', after: final }, reason: expect.anything() } }));
    expect(audit.body.items[0].requestId).toEqual(won[0].headers['x-request-id']);
  });

  it('refuses a staff member who is a member of a party organisation (conflict of interest)', async () => {
    const conflicted = await world.user(['staff'], { clusterId: cluster.id });
    await world.db.query(`INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'member')`, [sme.id, conflicted.id]);
    const approval = await world.approvalRequest(cluster.id, { partyOrganisationIds: [sme.id] });
    const res = await http().post(`/api/v1/approvals/${approval.id}/decision`).set(await world.auth(conflicted)).send({ decision: 'approved' });
    expectProblem(res, 403, 'approvals.conflict_of_interest');
    expect((await world.one('SELECT status FROM approval_requests WHERE id = $1', [approval.id])).status).toBe('pending');
  });

  it('a party cannot decide its own request', async () => {
    // An SME member is not staff at all...
    const approval = await world.approvalRequest(cluster.id, { partyOrganisationIds: [sme.id], requestedBy: smeOwner.id });
    expectProblem(await http().post(`/api/v1/approvals/${approval.id}/decision`).set(await world.auth(smeOwner)).send({ decision: 'approved' }), 403);
    // ...and staff named as a party (say, the talent coordinator who filed it) may not decide either.
    const own = await world.approvalRequest(cluster.id, { partyUserIds: [staffUser.id] });
    expectProblem(await http().post(`/api/v1/approvals/${own.id}/decision`).set(staff).send({ decision: 'approved' }), 403, 'approvals.party_cannot_decide');
  });

  it('staff of another cluster get 404 for the request and never see it in their queue', async () => {
    const approval = await world.approvalRequest(cluster.id, { partyOrganisationIds: [sme.id] });
    const outsider = await world.auth(await world.user(['staff'], { clusterId: otherCluster.id }));
    expectProblem(await http().get(`/api/v1/approvals/${approval.id}`).set(outsider), 404, 'approvals.not_found');
    expectProblem(await http().post(`/api/v1/approvals/${approval.id}/decision`).set(outsider).send({ decision: 'approved' }), 404);
    const queue = await http().get('/api/v1/approvals').query({ limit: 100 }).set(outsider).expect(200);
    expect(queue.body.items.map((a: Row) => a.id)).not.toContain(approval.id);
  });

  it('a rejection needs a reason, named as the invalid field', async () => {
    const approval = await world.approvalRequest(cluster.id);
    const res = await http().post(`/api/v1/approvals/${approval.id}/decision`).set(staff).send({ decision: 'rejected' });
    expect(expectProblem(res, 400).errors).toEqual([{ field: 'reason', messages: expect.arrayContaining(['reason is required when rejecting']) }]);
  });

  it('assigns within the cluster and filters the queue by kind, status and assignee', async () => {
    const approval = await world.approvalRequest(cluster.id, { summary: 'Assign me' });
    const outsider = await world.user(['staff'], { clusterId: otherCluster.id });
    const bad = await http().post(`/api/v1/approvals/${approval.id}/assign`).set(staff).send({ assigneeId: outsider.id });
    expectProblem(bad, 400, 'approvals.invalid_assignee');
    await http().post(`/api/v1/approvals/${approval.id}/assign`).set(staff).send({ assigneeId: staffUser.id }).expect(200);
    const mine = await http().get('/api/v1/approvals').query({ assignee: 'me', status: 'pending', kind: 'channel_match' }).set(staff).expect(200);
    expect(mine.body.items.map((a: Row) => a.id)).toEqual([approval.id]);
    expect(mine.body.items[0]).toEqual(expect.objectContaining({ details: { score: 0.82 }, overdue: false }));
  });

  it('reminds the assignee once of a request past due', async () => {
    const approval = await world.approvalRequest(cluster.id, { summary: 'Late decision' });
    await world.db.query(`UPDATE approval_requests SET due_at = now() - interval '1 hour', assignee_id = $2 WHERE id = $1`, [
      approval.id,
      staffUser.id,
    ]);
    // The job is scheduled every ten minutes; run it now, twice, as a scheduler would.
    const queue = new Queue('maintenance', { connection: { url: process.env.REDIS_URL }, prefix: '{clusterlink}' });
    try {
      for (const n of [1, 2]) {
        await queue.add('approvals.remind-overdue', {}, { jobId: `remind-test-${approval.id}-${n}` });
        await eventually(async () => (await queue.getJobState(`remind-test-${approval.id}-${n}`)) === 'completed', `reminder run ${n}`);
      }
    } finally {
      await queue.close();
    }
    // Both runs are done: the second found the reminder already sent and wrote nothing.
    const written = await world.db.query(
      `SELECT 1 FROM notifications WHERE template = 'approvals.overdue' AND data->>'approvalId' = $1`,
      [approval.id],
    );
    expect(written.rowCount).toBe(1);
    const mails = await waitForMail(staffUser.email, { subject: /Overdue for a decision: Late decision/ });
    expect(mails).toHaveLength(1);
    const overdue = await http().get('/api/v1/approvals').query({ overdue: true }).set(staff).expect(200);
    expect(overdue.body.items.map((a: Row) => a.id)).toContain(approval.id);
  });
});
