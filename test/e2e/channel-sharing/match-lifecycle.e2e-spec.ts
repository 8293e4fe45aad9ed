import { Row } from '../../factories/world';
import { mailTo, waitForMail } from '../../support/mailbox';
import { expectProblem } from '../../support/problem';
import { useStack } from '../../support/stack';
import { eventually } from '../../support/smtp-sink';
import { Auth, matchMarket } from './match-market';

describe('channel sharing: a match from proposal to agreement', () => {
  const stack = useStack({ worker: true });
  const { http } = stack;
  const { market, approve } = matchMarket(() => stack.world, () => stack.api.url);

  it('goes proposed → approved → accepted by both → agreed, anonymous until both accept, with every step mailed', async () => {
    const m = await market();
    // Staff see the proposal with names and the explanation; the parties do not see it yet.
    expect(m.match).toEqual(expect.objectContaining({ status: 'proposed', yourRole: null }));
    expect(m.match.host.name).toBe(m.host.name);
    expect(m.match.explanation.map((f: Row) => f.factor)).toEqual(['complementarity', 'markets', 'segments', 'capacity', 'channelType']);
    expectProblem(await http().get(`/api/v1/channel-matches/${m.match.id}`).set(m.g), 404, 'channel_sharing.match_not_found');
    expect((await http().get('/api/v1/channel-matches').set(m.h).expect(200)).body.items).toEqual([]);

    const seen = await approve(m.staff, m.approvalId, m.match.id, m.g);
    // The guest sees the host anonymously: kind, size, country and the channel, not who it is.
    expect(seen).toEqual(expect.objectContaining({ yourRole: 'guest', status: 'approved', respondBy: expect.any(String) }));
    expect(seen.host).toEqual(expect.objectContaining({ organisationId: null, name: null, kind: 'sme', size: 'small (10–49 employees)', contacts: null }));
    expect(seen.channel).toEqual(expect.objectContaining({ name: null, type: 'distributor', markets: ['FI', 'SE'] }));
    expect(seen.guest.name).toBe(m.guest.name);
    expect(JSON.stringify(seen)).not.toContain(m.host.name);

    const [guestMail] = await waitForMail(m.guestUser.email, { subject: /Channel-sharing match for your product "HDPE pump fittings": please answer/ });
    // Categories in words for the reader; the codes stay beside them.
    expect(guestMail.text).toContain('complementarity: functionally complements the host\'s Other Commercial and Service Industry Machinery Manufacturing (333318)');
    expect(seen.explanation[0].text).toBe('functionally complements the host\'s Other Commercial and Service Industry Machinery Manufacturing (333318) (weight 0.8)');
    expect(guestMail.text).not.toContain(m.host.name);
    expect(guestMail.text).not.toContain(m.hostUser.email);
    await waitForMail(m.hostUser.email, { subject: /please answer/ });
    // The approvals queue's generic "Approved: …" mail (which names both) is not sent for matches.
    expect((await mailTo(m.guestUser.email)).filter((x) => /^Approved:/.test(x.subject))).toEqual([]);

    // The host cannot record an agreement before both accepted.
    const early = await http().post(`/api/v1/channel-matches/${m.match.id}/agreement`).set(m.h).send({ commissionPct: 10, capacityAllotted: 10, termMonths: 12 });
    expect(expectProblem(early, 409, 'common.invalid_transition').currentState).toBe('approved');

    const first = await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(m.g).send({}).expect(200);
    expect(first.body).toEqual(expect.objectContaining({ status: 'approved' }));
    expect(first.body.guest.acceptedAt).toEqual(expect.any(String));
    expect(first.body.host.name).toBeNull();
    await waitForMail(m.hostUser.email, { subject: /The other party accepted the match/ });
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(m.g).send({}), 409, 'common.invalid_transition');

    const both = await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(m.h).send({}).expect(200);
    expect(both.body.status).toBe('accepted');
    expect(both.body.guest).toEqual(expect.objectContaining({ name: m.guest.name, contacts: [{ name: 'Test member', email: m.guestUser.email }] }));
    const revealed = await http().get(`/api/v1/channel-matches/${m.match.id}`).set(m.g).expect(200);
    expect(revealed.body.host).toEqual(expect.objectContaining({ name: m.host.name, contacts: [{ name: 'Test member', email: m.hostUser.email }] }));
    expect(revealed.body.channel.name).toBe('Nordic utilities distributor');
    const [meet] = await waitForMail(m.guestUser.email, { subject: new RegExp(`Both accepted: meet ${m.host.name}`) });
    expect(meet.text).toContain(m.hostUser.email);

    // Only the host records the agreement, and only within the channel's spare capacity.
    expectProblem(
      await http().post(`/api/v1/channel-matches/${m.match.id}/agreement`).set(m.g).send({ commissionPct: 10, capacityAllotted: 10, termMonths: 12 }),
      403,
      'channel_sharing.only_host_agrees',
    );
    const tooBig = await http().post(`/api/v1/channel-matches/${m.match.id}/agreement`).set(m.h).send({ commissionPct: 10, capacityAllotted: 101, termMonths: 12 });
    expect(expectProblem(tooBig, 409).detail).toContain('100 spare capacity');
    const bad = await http().post(`/api/v1/channel-matches/${m.match.id}/agreement`).set(m.h).send({ commissionPct: 120, capacityAllotted: 10, termMonths: 12, extra: 1 });
    const fields = (expectProblem(bad, 400).errors as Row[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['commissionPct', 'extra']));

    const agreed = await http().post(`/api/v1/channel-matches/${m.match.id}/agreement`).set(m.h)
      .send({ commissionPct: 12.5, capacityAllotted: 30, termMonths: 24, startsOn: '2027-01-01' }).expect(200);
    expect(agreed.body).toEqual(expect.objectContaining({
      status: 'agreed',
      agreement: expect.objectContaining({ commissionPct: 12.5, capacity: 30, termMonths: 24, startsOn: '2027-01-01' }),
    }));
    const channel = await http().get(`/api/v1/channels/${m.channel.id}`).set(m.h).expect(200);
    expect(channel.body.usedCapacity).toBe(30);
    const [agreedMail] = await waitForMail(m.guestUser.email, { subject: /agreement recorded/ });
    expect(agreedMail.text).toContain('12.5 % commission, 30 pallets/month of capacity, 24 months from 2027-01-01');
    await waitForMail(m.hostUser.email, { subject: /agreement recorded/ });

    // The staff decision fed the rule's learned weight: (1 approved + 4 × 0.8) / (1 + 4).
    const rules = await http().get('/api/v1/complementarity-rules').set(m.staff).expect(200);
    const rule = rules.body.items.find((r: Row) => r.categoryA === '326199' && r.categoryB === '333318');
    expect(rule).toEqual(expect.objectContaining({ decisionsApproved: 1, decisionsTotal: 1, learnedWeight: 0.84 }));
    const audit = await stack.world.db.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY created_at`, [m.match.id]);
    expect(audit.rows.map((r: Row) => r.action)).toEqual([
      'channel_match.approved', 'channel_match.accepted', 'channel_match.accepted', 'channel_match.agreed',
    ]);
  });

  it('refuses what is not theirs: no self-approval, no peeking, other clusters get 404', async () => {
    const m = await market();
    // An SME member cannot decide the approval of its own match — nor can staff who act for a party.
    expectProblem(await http().post(`/api/v1/approvals/${m.approvalId}/decision`).set(m.h).send({ decision: 'approved' }), 403);
    const conflicted = await stack.world.user(['staff'], { clusterId: m.cluster.id });
    await stack.world.db.query(`INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'member')`, [m.host.id, conflicted.id]);
    const conflict = await http().post(`/api/v1/approvals/${m.approvalId}/decision`).set(await stack.world.auth(conflicted)).send({ decision: 'approved' });
    expectProblem(conflict, 403, 'approvals.conflict_of_interest');
    expect((await stack.world.one('SELECT status FROM channel_matches WHERE id = $1', [m.match.id])).status).toBe('proposed');

    const outsiderStaff = await stack.world.auth(await stack.world.user(['staff'], { clusterId: (await stack.world.cluster()).id }));
    expectProblem(await http().get(`/api/v1/channel-matches/${m.match.id}`).set(outsiderStaff), 404, 'channel_sharing.match_not_found');
    expectProblem(await http().post(`/api/v1/approvals/${m.approvalId}/decision`).set(outsiderStaff).send({ decision: 'approved' }), 404);
    expect((await http().get('/api/v1/channel-matches').set(outsiderStaff).expect(200)).body.items).toEqual([]);

    // Before staff approve, the parties cannot answer what they cannot see.
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(m.g).send({}), 404);
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/decline`).set(m.h).send({ reason: 'not yet visible' }), 404);
    await approve(m.staff, m.approvalId, m.match.id, m.g);
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/decline`).set(outsiderStaff).send({ reason: 'not mine' }), 404);
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/agreement`).set(outsiderStaff).send({ commissionPct: 1, capacityAllotted: 1, termMonths: 1 }), 404);
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/decline`).set(m.staff).send({ reason: 'staff cannot' }), 403, 'channel_sharing.not_a_party');
    // A member of a third organisation sees nothing and cannot answer.
    const stranger = await stack.world.auth(await stack.world.member((await stack.world.organisation(m.cluster.id)).id));
    expectProblem(await http().get(`/api/v1/channel-matches/${m.match.id}`).set(stranger), 404);
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(stranger).send({}), 404);
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/decline`).set(stranger).send({ reason: 'not mine' }), 404);
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/agreement`).set(stranger).send({ commissionPct: 1, capacityAllotted: 1, termMonths: 1 }), 404);
    expect((await http().get('/api/v1/channel-matches').set(stranger).expect(200)).body.items).toEqual([]);
    // Staff see it but are not a party.
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(m.staff).send({}), 403, 'channel_sharing.not_a_party');
  });

  it('each party sees only its own side until both accept, and no filter or id names the other', async () => {
    const m = await market();
    await approve(m.staff, m.approvalId, m.match.id, m.g);
    const asGuest = (await http().get(`/api/v1/channel-matches/${m.match.id}`).set(m.g).expect(200)).body;
    const asHost = (await http().get(`/api/v1/channel-matches/${m.match.id}`).set(m.h).expect(200)).body;
    // Not even the other side's product or channel id: another, accepted match could name its owner.
    expect([asGuest.channel.id, asGuest.product.id]).toEqual([null, m.product.id]);
    expect([asHost.channel.id, asHost.product.id]).toEqual([m.channel.id, null]);
    // Filtering by the other organisation would confirm who it is: a party filters by its own side only.
    const ids = async (auth: Auth, organisationId: string) =>
      (await http().get('/api/v1/channel-matches').query({ organisationId }).set(auth).expect(200)).body.items.map((x: Row) => x.id);
    expect(await ids(m.g, m.host.id)).toEqual([]);
    expect(await ids(m.h, m.guest.id)).toEqual([]);
    expect(await ids(m.g, m.guest.id)).toEqual([m.match.id]);
    expect(await ids(m.staff, m.host.id)).toEqual([m.match.id]);
    // A forged cursor is refused by name, never handed to the database.
    for (const key of [{ t: '1', id: m.match.id }, { t: '2026-01-01T00:00:00.000Z', id: 'x' }, { t: '-271821-04-20T00:00:00.000Z', id: m.match.id }, { t: '2026-02-30T00:00:00.000Z', id: m.match.id }, { t: '0000-01-01T00:00:00.000Z', id: m.match.id }]) {
      const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
      const forged = await http().get('/api/v1/channel-matches').query({ cursor }).set(m.g);
      expect((expectProblem(forged, 400).errors as Row[]).map((e) => e.field)).toEqual(['cursor']);
    }
    // A blank reason is a 400 naming the field, not a refused transition.
    const blank = await http().post(`/api/v1/channel-matches/${m.match.id}/decline`).set(m.h).send({ reason: '    ' });
    expect((expectProblem(blank, 400).errors as Row[]).map((e) => e.field)).toEqual(['reason']);

    // Past the deadline, before the expiry job has run, nobody can still answer.
    await stack.world.db.query(`UPDATE channel_matches SET respond_by = now() - interval '1 minute' WHERE id = $1`, [m.match.id]);
    const late = await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(m.g).send({});
    expect(expectProblem(late, 409, 'common.invalid_transition')).toEqual(expect.objectContaining({ currentState: 'approved', detail: expect.stringContaining('deadline') }));
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/decline`).set(m.h).send({ reason: 'too late' }), 409, 'common.invalid_transition');
    await stack.world.db.query(`UPDATE channel_matches SET respond_by = now() + interval '7 days' WHERE id = $1`, [m.match.id]);

    await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(m.g).send({}).expect(200);
    const both = (await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(m.h).send({}).expect(200)).body;
    expect([both.channel.id, both.product.id]).toEqual([m.channel.id, m.product.id]);
    expect((await http().get(`/api/v1/channel-matches/${m.match.id}`).set(m.g).expect(200)).body.channel.id).toBe(m.channel.id);
  });

  it('a member of both parties says which one answers and which one records the agreement', async () => {
    const m = await market();
    const both = await stack.world.member(m.host.id);
    await stack.world.db.query(`INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'member')`, [m.guest.id, both.id]);
    const b = await stack.world.auth(both);
    await approve(m.staff, m.approvalId, m.match.id, b);
    const unsaid = await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(b).send({});
    expect((expectProblem(unsaid, 400).errors as Row[]).map((e) => e.field)).toEqual(['organisationId']);
    const stranger = (await stack.world.organisation(m.cluster.id)).id;
    expectProblem(await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(b).send({ organisationId: stranger }), 403, 'channel_sharing.not_a_party');
    await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(b).send({ organisationId: m.guest.id }).expect(200);
    const accepted = await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(b).send({ organisationId: m.host.id }).expect(200);
    expect(accepted.body).toEqual(expect.objectContaining({ status: 'accepted', yourRole: 'host' }));

    const terms = { commissionPct: 8, capacityAllotted: 5, termMonths: 12 };
    const agreeAs = (over: object) => http().post(`/api/v1/channel-matches/${m.match.id}/agreement`).set(b).send({ ...terms, ...over });
    expect((expectProblem(await agreeAs({}), 400).errors as Row[]).map((e) => e.field)).toEqual(['organisationId']);
    expectProblem(await agreeAs({ organisationId: m.guest.id }), 403, 'channel_sharing.only_host_agrees');
    expect((await agreeAs({ organisationId: m.host.id }).expect(200)).body.status).toBe('agreed');
    // Once agreed, nothing more: a second agreement or a decline is refused with the state.
    expect(expectProblem(await agreeAs({ organisationId: m.host.id }), 409).currentState).toBe('agreed');
    const decline = await http().post(`/api/v1/channel-matches/${m.match.id}/decline`).set(m.g).send({ reason: 'changed our mind' });
    expect(expectProblem(decline, 409).currentState).toBe('agreed');
    expect((await stack.world.one('SELECT used_capacity FROM channels WHERE id = $1', [m.channel.id])).used_capacity).toBe(5);
  });

  it('a rejected proposal stays with staff; a removed product\'s proposal expires and can no longer be approved', async () => {
    const m = await market();
    await http().post(`/api/v1/approvals/${m.approvalId}/decision`).set(m.staff).send({ decision: 'rejected', reason: 'Not a fit for this season' }).expect(200);
    await eventually(async () => (await stack.world.one('SELECT status FROM channel_matches WHERE id = $1', [m.match.id])).status === 'rejected' || undefined, 'the rejection');
    // The parties never saw the proposal, so nothing tells them of it (the mails would commit with the status).
    const told = await stack.world.db.query(`SELECT recipient_email FROM notifications WHERE data->>'matchId' = $1`, [m.match.id]);
    expect(told.rows).toEqual([]);
    expectProblem(await http().get(`/api/v1/channel-matches/${m.match.id}`).set(m.g), 404);

    const n = await market();
    await http().delete(`/api/v1/products/${n.product.id}`).set(n.g).expect(204);
    expect((await http().get(`/api/v1/channel-matches/${n.match.id}`).set(n.staff).expect(200)).body.status).toBe('expired');
    expect((await stack.world.one('SELECT status FROM approval_requests WHERE id = $1', [n.approvalId])).status).toBe('withdrawn');
    expectProblem(await http().post(`/api/v1/approvals/${n.approvalId}/decision`).set(n.staff).send({ decision: 'approved' }), 409);
    const audit = await stack.world.db.query(`SELECT action, actor_user_id FROM audit_log WHERE subject_id = $1`, [n.match.id]);
    expect(audit.rows).toEqual([{ action: 'channel_match.expired', actor_user_id: n.guestUser.id }]);

    // A proposal a run wrote from a snapshot older than the removal (here: the row removed behind
    // the service's back) expires when staff approve it, instead of asking the parties to answer.
    const o = await market();
    await stack.world.db.query('DELETE FROM products WHERE id = $1', [o.product.id]);
    await http().post(`/api/v1/approvals/${o.approvalId}/decision`).set(o.staff).send({ decision: 'approved' }).expect(200);
    await eventually(async () => (await stack.world.one('SELECT status FROM channel_matches WHERE id = $1', [o.match.id])).status === 'expired' || undefined, 'the stale proposal to expire');
    expect((await stack.world.db.query(`SELECT 1 FROM notifications WHERE data->>'matchId' = $1`, [o.match.id])).rows).toEqual([]);
  });

});
