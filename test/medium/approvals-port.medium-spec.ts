import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { ApprovalsService } from '../../src/modules/approvals/approvals.service';
import { DecideApprovalService } from '../../src/modules/approvals/decide-approval.service';
import { UnitOfWork } from '../../src/platform/database/unit-of-work';
import { World } from '../factories/world';

/**
 * The approvals port called in process against the suite's PostgreSQL: no HTTP, no spawned API.
 * What the channel-sharing e2e specs exercise through a matching run, here on its own.
 */
describe('approvals port (in process)', () => {
  let app: INestApplicationContext;
  let approvals: ApprovalsService;
  let uow: UnitOfWork;
  const world = new World('http://unused');

  beforeAll(async () => {
    app = await NestFactory.createApplicationContext(AppModule.forRoot(), { logger: false });
    approvals = app.get(ApprovalsService, { strict: false });
    uow = app.get(UnitOfWork, { strict: false });
  });
  afterAll(async () => {
    await app?.close();
    await world.close();
  });

  it('files many requests in one call, audited, mailing staff only when asked', async () => {
    const cluster = await world.cluster();
    const staff = await world.user(['staff'], { clusterId: cluster.id });
    const [a, b] = [await world.organisation(cluster.id), await world.organisation(cluster.id)];
    const request = (n: number) => ({
      clusterId: cluster.id, subjectKind: 'channel_match' as const, subjectId: randomUUID(),
      parties: { organisationIds: [a.id, b.id], userIds: [] }, summary: `Match ${n}`, details: { n },
    });
    const quiet = await uow.run((em) => approvals.requestMany(em, null, [request(1), request(2), request(3)], { notifyStaff: false }));
    const told = await uow.run((em) => approvals.requestMany(em, null, [request(4)]));
    const rows = await world.db.query('SELECT id, summary, party_organisation_ids, status FROM approval_requests WHERE id = ANY($1) ORDER BY summary', [[...quiet, ...told]]);
    expect(rows.rows.map((r) => [r.summary, r.status, r.party_organisation_ids.length])).toEqual([
      ['Match 1', 'pending', 2], ['Match 2', 'pending', 2], ['Match 3', 'pending', 2], ['Match 4', 'pending', 2],
    ]);
    const audited = await world.db.query(`SELECT subject_id FROM audit_log WHERE action = 'approval.requested' AND subject_id = ANY($1)`, [[...quiet, ...told]]);
    expect(audited.rowCount).toBe(4);
    const mails = await world.db.query(`SELECT data->>'approvalId' AS id FROM notifications WHERE recipient_user_id = $1`, [staff.id]);
    expect(mails.rows.map((m) => m.id)).toEqual(told);
  });

  it('withdraws once: a second withdrawal changes nothing', async () => {
    const cluster = await world.cluster();
    const subjectId = randomUUID();
    await uow.run((em) => approvals.requestMany(em, null, [{
      clusterId: cluster.id, subjectKind: 'channel_match', subjectId, parties: { organisationIds: [], userIds: [] }, summary: 'x',
    }], { notifyStaff: false }));
    expect(await uow.run((em) => approvals.withdrawMany(em, null, 'channel_match', [subjectId]))).toBe(1);
    expect(await uow.run((em) => approvals.withdrawMany(em, null, 'channel_match', [subjectId]))).toBe(0);
  });

  it('a kind no module declares is refused by the database, and nothing of the call is left', async () => {
    const cluster = await world.cluster();
    const subjectId = randomUUID();
    await expect(uow.run((em) => approvals.requestMany(em, null, [{
      clusterId: cluster.id, subjectKind: 'rd_match' as never, subjectId, parties: { organisationIds: [], userIds: [] }, summary: 'x',
    }]))).rejects.toThrow(/ck_approval_requests_kind/);
    expect((await world.db.query('SELECT 1 FROM approval_requests WHERE subject_id = $1', [subjectId])).rowCount).toBe(0);
  });

  it('a party user who is also staff of the cluster can never decide the request', async () => {
    const cluster = await world.cluster();
    const talentStaff = await world.user(['staff', 'talent'], { clusterId: cluster.id });
    const [id] = await uow.run((em) => approvals.requestMany(em, null, [{
      clusterId: cluster.id, subjectKind: 'channel_match', subjectId: randomUUID(),
      parties: { organisationIds: [], userIds: [talentStaff.id] }, summary: 'Their own application',
    }], { notifyStaff: false }));
    const decide = app.get(DecideApprovalService, { strict: false });
    const actor = { userId: talentStaff.id, roles: ['staff' as const, 'talent' as const], clusterId: cluster.id, organisations: [] };
    await expect(decide.decide(actor, id, { decision: 'approved' })).rejects.toMatchObject({ code: 'approvals.party_cannot_decide' });
    expect((await world.db.query('SELECT status FROM approval_requests WHERE id = $1', [id])).rows[0].status).toBe('pending');
  });
});
