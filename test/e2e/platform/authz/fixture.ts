import request from 'supertest';
import { Row, World } from '../../../factories/world';
import { matchMarket } from '../../channel-sharing/match-market';

export type Auth = Record<string, string>;
export const ACTORS = ['anonymous', 'talent', 'outsider', 'otherStaff', 'staff', 'admin'] as const;
export type ActorName = (typeof ACTORS)[number];

/** The rows every operation is called on: cluster A's, one of each kind, plus cluster B for "other". */
export interface AuthzWorld {
  world: World;
  auth: Record<ActorName, Auth>;
  /** The owner of cluster A's organisation: the one actor who edits its catalogue. */
  ownerAuth: Auth;
  a: Row; b: Row; org: Row; owner: Row; staffUser: Row; product: Row; channel: Row; rule: Row; approval: Row;
  match: Row; run: Row; talent: Row; notification: Row; orgInvitation: Row; staffInvitation: Row;
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

/**
 * Two partner clusters; in A an organisation with its owner, a product, a channel, a rule, a
 * pending approval naming the organisation, a proposed channel match (from a real run), a talent,
 * a notification for the owner and pending invitations; the six actors signed in.
 */
export async function buildAuthzWorld(world: World, apiUrl: string): Promise<AuthzWorld> {
  const http = () => request(apiUrl);
  const { market } = matchMarket(() => world, () => apiUrl);
  const m = await market();
  const a = m.cluster as Row;
  const b = await world.cluster();
  const [low, high] = [a.id, b.id].sort();
  await world.db.query(`INSERT INTO cluster_partnerships (cluster_a_id, cluster_b_id) VALUES ($1, $2)`, [low, high]);
  const org = m.host as Row;
  const owner = m.hostUser as Row;
  const ownerAuth = m.h as Auth;
  const talentUser = await world.user(['talent']);
  await world.db.query(`INSERT INTO talent_profiles (user_id, home_cluster_id, headline, skills, languages, years_of_experience)
    VALUES ($1, $2, 'Process engineer', '{python}', '{en}', 5)`, [talentUser.id, a.id]);
  const outsiderOrg = await world.organisation(a.id);
  const outsider = await world.member(outsiderOrg.id);
  const admin = await world.user(['admin']);
  const auth: Record<ActorName, Auth> = {
    anonymous: {},
    talent: await world.auth(talentUser),
    outsider: await world.auth(outsider),
    otherStaff: await world.auth(await world.user(['staff'], { clusterId: b.id })),
    staff: m.staff as Auth,
    admin: await world.auth(admin),
  };
  const product = (await http().get('/api/v1/products').query({ organisationId: org.id }).set(ownerAuth).expect(200)).body.items[0] as Row;
  const rule = (await http().get('/api/v1/complementarity-rules').set(m.staff).expect(200)).body.items[0] as Row;
  const run = (await http().get('/api/v1/matching-runs').set(m.staff).expect(200)).body.items[0] as Row;
  const approval = await world.approvalRequest(a.id, { partyOrganisationIds: [org.id] });
  const notification = await world.one(
    `INSERT INTO notifications (recipient_user_id, recipient_email, cluster_id, category, template, data, title, in_app, email_status, attempts, last_error)
     VALUES ($1, $2, $3, 'approvals', 'approvals.requested', '{"approvalId": "00000000-0000-0000-0000-000000000000", "kind": "rd_match", "summary": "x", "dueAt": "2027-01-01T00:00:00Z"}',
             'To review', true, 'failed', 8, 'mailbox unavailable') RETURNING id`,
    [owner.id, owner.email, a.id],
  );
  const orgInvitation = (await http().post(`/api/v1/organisations/${org.id}/members`).set(ownerAuth)
    .send({ email: `invitee-${unique()}@test.example`, role: 'member' }).expect(201)).body as Row;
  const staffInvitation = (await http().post(`/api/v1/clusters/${a.id}/staff`).set(auth.admin)
    .send({ email: `staff-invitee-${unique()}@test.example` }).expect(201)).body as Row;
  return {
    world, auth, ownerAuth, a, b, org, owner, staffUser: m.staffUser as Row, product, channel: m.channel as Row, rule, approval, match: m.match as Row, run,
    talent: talentUser, notification, orgInvitation, staffInvitation,
  };
}

export { unique };
