import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FACTORY_PASSWORD, Row, World } from '../../factories/world';
import { RunningApi, startApi } from '../../support/processes';
import { expectProblem } from '../../support/problem';

type Auth = { authorization: string };

/**
 * Personal-data export and erasure through the API, and the proof that erasure leaves nothing
 * readable behind: every text, jsonb and text[] column of every table is searched for the
 * person's address, name and profile afterwards, while the append-only audit trail keeps every
 * row exactly as it was.
 */
describe('personal data: export and erasure', () => {
  let api: RunningApi;
  let world: World;
  const http = () => request(api.url);

  beforeAll(async () => {
    api = await startApi();
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
  });

  /** A talent who owns an organisation, with a profile, preferences, an audited rename, mail and an invitation. */
  async function person(clusterId: string, staff: Auth) {
    const tag = randomUUID().slice(0, 8);
    const user = await world.user(['talent', 'member'], { clusterId, email: `ada-${tag}@privacy.example` });
    const org = await world.organisation(clusterId);
    await world.db.query(`INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'owner')`, [org.id, user.id]);
    const auth = await world.auth(user);
    const name = `Ada Quillfeather ${tag}`;
    const skill = `zymurgy-${tag}`;
    const headline = `Fermentation lead ${tag}`;
    await http().patch('/api/v1/me').set(auth).send({ displayName: name }).expect(200);
    await http().put('/api/v1/talents/me').set(auth)
      .send({ homeClusterId: clusterId, headline, skills: [skill, 'GMP'], languages: ['en'], yearsOfExperience: 4 }).expect(200);
    await http().put('/api/v1/notification-preferences/approvals').set(auth).send({ mode: 'daily_digest' }).expect(200);
    // Staff invite the person's address to a second organisation: an audited address and a mail row.
    const other = await world.organisation(clusterId);
    await http().post(`/api/v1/organisations/${other.id}/members`).set(staff).send({ email: user.email, role: 'member' }).expect(201);
    // A mail that went out to the person, and one to someone else revealing the person's contacts.
    const sent = await world.one(
      `INSERT INTO notifications (recipient_user_id, recipient_email, category, template, data, title, in_app, email_status, sent_at)
       VALUES ($1, $2, 'security', 'identity.verify_email', jsonb_build_object('displayName', $3::text), 'Confirm', false, 'sent', now())
       RETURNING id`,
      [user.id, user.email, name],
    );
    const bystander = await world.user(['member']);
    await world.db.query(
      `INSERT INTO notifications (recipient_user_id, recipient_email, category, template, data, title, in_app, email_status, sent_at)
       VALUES ($1, $2, 'channel_sharing', 'channel_sharing.match', jsonb_build_object('contacts', jsonb_build_array(jsonb_build_object('name', $3::text, 'email', $4::text))),
               'Both accepted: meet ' || $3, true, 'sent', now())`,
      [bystander.id, bystander.email, name, user.email],
    );
    return { user, auth, org, name, skill, headline, tag, sentMailId: sent.id };
  }

  /** Every (table, column) of schema public whose values are text, jsonb or text[]. */
  async function textColumns(): Promise<{ table_name: string; column_name: string }[]> {
    const { rows } = await world.db.query(
      `SELECT table_name, column_name FROM information_schema.columns c
       WHERE table_schema = 'public' AND (data_type IN ('text', 'character varying', 'character', 'jsonb', 'json') OR udt_name IN ('_text', '_varchar'))
         AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')`,
    );
    return rows;
  }

  /** Where any of the needles still appears, as "table.column: needle". */
  async function scan(needles: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const { table_name: t, column_name: c } of await textColumns()) {
      for (const needle of needles) {
        const { rows } = await world.db.query(`SELECT count(*)::int AS n FROM "${t}" WHERE "${c}"::text ILIKE $1`, [`%${needle}%`]);
        if (rows[0].n > 0) found.push(`${t}.${c}: ${needle}`);
      }
    }
    return found;
  }

  const auditDigest = async (): Promise<Map<string, string>> => {
    const { rows } = await world.db.query(`SELECT id, md5(row_to_json(a)::text) AS digest FROM audit_log a`);
    return new Map(rows.map((r: { id: string; digest: string }) => [r.id, r.digest]));
  };

  it('exports the profile, memberships, notifications, preferences and audit entries as one document', async () => {
    const cluster = await world.cluster();
    const staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
    const p = await person(cluster.id, staff);

    // An address the person invited is someone else's data: the trail of it is theirs, the address is not.
    const friend = `friend-${p.tag}@privacy.example`;
    await http().post(`/api/v1/organisations/${p.org.id}/members`).set(p.auth).send({ email: friend, role: 'member' }).expect(201);

    const res = await http().get('/api/v1/me/export').set(p.auth).expect(200);
    const doc = res.body;
    expect(doc.identity.account).toEqual(expect.objectContaining({ id: p.user.id, email: p.user.email, displayName: p.name }));
    expect(doc.identity.account).not.toHaveProperty('passwordHash');
    expect(doc.directory.talentProfile).toEqual(expect.objectContaining({ headline: p.headline, skills: [p.skill, 'GMP'] }));
    expect(doc.directory.memberships).toEqual([expect.objectContaining({ organisationId: p.org.id, role: 'owner' })]);
    expect(doc.directory.invitationsReceived).toEqual([expect.objectContaining({ email: p.user.email, kind: 'organisation_member' })]);
    expect(doc.notifications.preferences).toEqual([{ category: 'approvals', mode: 'daily_digest' }]);
    expect(doc.notifications.notifications.map((n: Row) => n.template)).toEqual(
      expect.arrayContaining(['identity.verify_email', 'directory.invitation']),
    );
    // The audit trail about them, opened with their key: the rename, and the invitation to their address.
    const rename = doc.audit.entries.find((e: Row) => e.action === 'user.updated');
    expect(rename.changes.displayName).toEqual({ before: 'Test talent/member', after: p.name });
    expect(rename.changes.passwordHash).toBeUndefined();
    const invited = doc.audit.entries.find((e: Row) => e.action === 'invitation.created');
    expect(invited.changes.email.after).toBe(p.user.email);
    const sent = doc.audit.entries.find((e: Row) => e.action === 'invitation.created' && e.actorUserId === p.user.id);
    expect(sent.changes.email).toEqual({ before: null, after: '[personal]' });
    expect(JSON.stringify(doc)).not.toContain(friend);
    // The trail itself holds those values sealed, never readable.
    const raw = await world.one(`SELECT changes::text AS t FROM audit_log WHERE id = $1`, [rename.id]);
    expect(raw.t).not.toContain(p.name);
  });

  it('erases after the password: nothing readable is left anywhere, the trail keeps every row unchanged', async () => {
    const cluster = await world.cluster();
    const staffUser = await world.user(['staff'], { clusterId: cluster.id });
    const staff = await world.auth(staffUser);
    const p = await person(cluster.id, staff);
    const refresh = (await http().post('/api/v1/auth/login').send({ email: p.user.email, password: FACTORY_PASSWORD }).expect(200)).body
      .refreshToken as string;
    const needles = [p.user.email, p.name, p.skill, p.headline];
    expect((await scan(needles)).length).toBeGreaterThan(0);

    expectProblem(await http().post('/api/v1/me/erasure').set(p.auth).send({ password: 'not my password' }), 403, 'privacy.wrong_password');
    expect((await world.one(`SELECT email FROM users WHERE id = $1`, [p.user.id])).email).toBe(p.user.email);

    const before = await auditDigest();
    await http().post('/api/v1/me/erasure').set(p.auth).send({ password: FACTORY_PASSWORD }).expect(204);

    expect(await scan(needles)).toEqual([]);
    const after = await auditDigest();
    expect(after.size).toBeGreaterThan(before.size);
    for (const [id, digest] of before) expect(after.get(id)).toBe(digest);

    // A mail that went out stays counted, addressed to nobody.
    expect(await world.one(`SELECT recipient_user_id, recipient_email, data, title FROM notifications WHERE id = $1`, [p.sentMailId])).toEqual({
      recipient_user_id: null, recipient_email: 'erased@invalid', data: {}, title: '[erased]',
    });
    // Signed out everywhere, and the account cannot sign in again.
    expectProblem(await http().post('/api/v1/auth/login').send({ email: p.user.email, password: FACTORY_PASSWORD }), 401);
    expectProblem(await http().post('/api/v1/auth/refresh').send({ refreshToken: refresh }), 401);
    // The organisation keeps its records and its cluster's staff hear it has no owner left.
    expect((await world.one(`SELECT name FROM organisations WHERE id = $1`, [p.org.id])).name).toBe(p.org.name);
    const feed = await http().get('/api/v1/notifications').set(staff).expect(200);
    expect(feed.body.items.map((i: Row) => i.title)).toContain(`${p.org.name as string} has no owner any more`);
    // Reading the trail shows the erased values as erased. An account belongs to no cluster (a
    // talent's home cluster is their profile's), so its entries are read by an admin.
    const admin = await world.auth(await world.user(['admin']));
    const trail = await http().get('/api/v1/audit').query({ subjectKind: 'user', subjectId: p.user.id }).set(admin).expect(200);
    const rename = trail.body.items.find((e: Row) => e.action === 'user.updated');
    expect(rename.changes.displayName).toEqual({ before: '[erased]', after: '[erased]' });
    expect(trail.body.items.find((e: Row) => e.action === 'user.erased')).toEqual(expect.objectContaining({ actorUserId: p.user.id }));
  });

  it('staff of the person\'s cluster and admins erase on request; staff of another cluster and members cannot', async () => {
    const home = await world.cluster();
    const elsewhere = await world.cluster();
    const homeStaff = await world.auth(await world.user(['staff'], { clusterId: home.id }));
    const otherStaff = await world.auth(await world.user(['staff'], { clusterId: elsewhere.id }));
    const admin = await world.auth(await world.user(['admin']));
    const first = await person(home.id, homeStaff);
    const second = await person(home.id, homeStaff);
    const member = await world.auth(await world.member(first.org.id, 'member'));

    expectProblem(await http().post(`/api/v1/users/${first.user.id}/erasure`).set(otherStaff), 404, 'privacy.person_not_found');
    expectProblem(await http().post(`/api/v1/users/${first.user.id}/erasure`).set(member), 403);
    expectProblem(await http().post(`/api/v1/users/${randomUUID()}/erasure`).set(admin), 404);
    // Staff do not erase staff, even a colleague who acts for one of their cluster's organisations.
    const colleague = await world.user(['staff', 'member'], { clusterId: home.id });
    await world.db.query(`INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'member')`, [first.org.id, colleague.id]);
    expectProblem(await http().post(`/api/v1/users/${colleague.id}/erasure`).set(homeStaff), 404, 'privacy.person_not_found');
    expect((await world.one(`SELECT email FROM users WHERE id = $1`, [first.user.id])).email).toBe(first.user.email);

    await http().post(`/api/v1/users/${first.user.id}/erasure`).set(homeStaff).expect(204);
    await http().post(`/api/v1/users/${second.user.id}/erasure`).set(admin).expect(204);
    expect(await scan([first.user.email, first.name, first.skill, second.user.email, second.name, second.skill])).toEqual([]);
    const erased = await world.one(`SELECT email, display_name, password_hash, roles FROM users WHERE id = $1`, [first.user.id]);
    expect(erased).toEqual({ email: `erased-${first.user.id}@invalid`, display_name: 'Erased user', password_hash: null, roles: [] });
  });
});

describe('personal data: a large export is stored and mailed as a link', () => {
  let api: RunningApi;
  let world: World;
  const http = () => request(api.url);

  beforeAll(async () => {
    api = await startApi({ EXPORT_INLINE_MAX_BYTES: '200' });
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
  });

  it('answers 202 with a link only its owner can follow, until it expires', async () => {
    const owner = await world.user(['talent']);
    const auth = await world.auth(owner);
    const res = await http().get('/api/v1/me/export').set(auth).expect(202);
    expect(res.body).toEqual(expect.objectContaining({ status: 'mailed', location: `/api/v1/me/exports/${res.body.id as string}` }));
    expect(res.headers.location).toBe(res.body.location);
    const mail = await world.one(`SELECT template, recipient_email, data FROM notifications WHERE recipient_user_id = $1 AND template = 'privacy.export_ready'`, [owner.id]);
    expect(mail.recipient_email).toBe(owner.email);
    expect((mail.data as { link: string }).link).toContain(res.body.location);

    const doc = await http().get(res.body.location).set(auth).expect(200);
    expect(doc.body.identity.account.email).toBe(owner.email);

    const stranger = await world.auth(await world.user(['talent']));
    expectProblem(await http().get(res.body.location).set(stranger), 404, 'privacy.export_not_found');
    expectProblem(await http().get(`/api/v1/me/exports/${randomUUID()}`).set(auth), 404, 'privacy.export_not_found');

    await world.db.query(`UPDATE personal_data_exports SET expires_at = now() - interval '1 second' WHERE id = $1`, [res.body.id]);
    expectProblem(await http().get(res.body.location).set(auth), 404, 'privacy.export_not_found');
  });
});
