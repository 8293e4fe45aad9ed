import { FACTORY_PASSWORD, Row } from '../../../factories/world';
import { AuthzWorld, unique } from './fixture';

export interface PreparedCall { path: string; body?: unknown; query?: Record<string, unknown> }

const pick = (id: string | undefined) => id ?? '00000000-0000-4000-8000-000000000000';

/**
 * How to call each operation on cluster A's rows with input that passes validation, so that the
 * answer reflects who is asking. Operations that remove or use up a row get a fresh one per call,
 * so that one actor's success does not turn the next actor's answer into a 404.
 */
export async function prepare(op: string, fx: AuthzWorld): Promise<PreparedCall> {
  const { world, a, org } = fx;
  const [method, template] = op.split(' ');
  const fresh = async (): Promise<Record<string, string>> => {
    switch (op) {
      case 'DELETE /api/v1/products/{id}':
        return { id: (await world.one(`INSERT INTO products (organisation_id, cluster_id, name, category, grade, segments, markets)
          VALUES ($1, $2, $3, '326199', 2, '{utilities}', '{FI}') RETURNING id`, [org.id, a.id, `P ${unique()}`])).id };
      case 'DELETE /api/v1/channels/{id}':
        return { id: (await world.one(`INSERT INTO channels (organisation_id, cluster_id, name, type, markets, segments, capacity, used_capacity, capacity_unit, commission_pct, active)
          VALUES ($1, $2, $3, 'distributor', '{FI}', '{utilities}', 10, 0, 'pallets', 5, true) RETURNING id`, [org.id, a.id, `C ${unique()}`])).id };
      case 'DELETE /api/v1/complementarity-rules/{id}':
      case 'PATCH /api/v1/complementarity-rules/{id}':
      case 'POST /api/v1/complementarity-rules/{id}/adopt-learned':
        return { id: (await world.one(`INSERT INTO complementarity_rules (cluster_id, category_a, category_b, weight, source)
          VALUES ($1, '111110', $2, 0.5, 'staff') RETURNING id`, [a.id, String(111111 + Math.floor(Math.random() * 800000))])).id };
      case 'DELETE /api/v1/organisations/{id}/members/{userId}':
        return { userId: (await world.member(org.id, 'member')).id };
      case 'DELETE /api/v1/organisations/{id}/invitations/{invitationId}':
        return { invitationId: (await world.one(`INSERT INTO invitations (token_hash, email, kind, cluster_id, organisation_id, organisation_role, invited_by, expires_at)
          VALUES (md5(random()::text), $1, 'member', $2, $3, 'member', $4, now() + interval '1 day') RETURNING id`, [`i-${unique()}@test.example`, a.id, org.id, fx.owner.id])).id };
      case 'DELETE /api/v1/clusters/{id}/invitations/{invitationId}':
        return { invitationId: (await world.one(`INSERT INTO invitations (token_hash, email, kind, cluster_id, invited_by, expires_at)
          VALUES (md5(random()::text), $1, 'staff', $2, $3, now() + interval '1 day') RETURNING id`, [`s-${unique()}@test.example`, a.id, fx.owner.id])).id };
      case 'DELETE /api/v1/clusters/{id}/partners/{partnerId}': {
        const partner = await world.cluster();
        const [low, high] = [a.id, partner.id].sort();
        await world.db.query(`INSERT INTO cluster_partnerships (cluster_a_id, cluster_b_id) VALUES ($1, $2)`, [low, high]);
        return { partnerId: partner.id };
      }
      case 'POST /api/v1/approvals/{id}/decision':
      case 'POST /api/v1/approvals/{id}/assign':
        return { id: (await world.approvalRequest(a.id, { partyOrganisationIds: [org.id] })).id };
      case 'POST /api/v1/users/{id}/erasure': {
        const person = await world.user(['talent']);
        await world.db.query(`INSERT INTO talent_profiles (user_id, home_cluster_id, headline, skills, languages, years_of_experience)
          VALUES ($1, $2, 'Chemist', '{}', '{en}', 2)`, [person.id, a.id]);
        return { id: person.id };
      }
      default:
        return {};
    }
  };
  const ids: Record<string, string> = {
    ...byPrefix(template, fx),
    userId: fx.talent.id, partnerId: fx.b.id, invitationId: template.includes('/clusters/') ? fx.staffInvitation.id : fx.orgInvitation.id,
    category: 'approvals',
    ...(await fresh()),
  };
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => pick(ids[name]));
  return { path, ...(await input(`${method} ${template}`, fx)) };
}

function byPrefix(template: string, fx: AuthzWorld): Record<string, string> {
  const table: Array<[string, Row]> = [
    ['/api/v1/organisations/', fx.org], ['/api/v1/products/', fx.product], ['/api/v1/channels/', fx.channel],
    ['/api/v1/complementarity-rules/', fx.rule], ['/api/v1/approvals/', fx.approval], ['/api/v1/matching-runs/', fx.run],
    ['/api/v1/channel-matches/', fx.match], ['/api/v1/clusters/', fx.a], ['/api/v1/notifications/', fx.notification],
    ['/api/v1/talents/', fx.talent], ['/api/v1/users/', fx.talent], ['/api/v1/me/exports/', { id: undefined } as unknown as Row],
  ];
  const hit = table.find(([prefix]) => template.startsWith(prefix));
  return hit ? { id: hit[1].id } : {};
}

/** A body (and query) each operation accepts. */
async function input(op: string, fx: AuthzWorld): Promise<Omit<PreparedCall, 'path'>> {
  const u = unique();
  const bodies: Record<string, unknown> = {
    'POST /api/v1/notifications/read-all': {},
    'POST /api/v1/notifications/digests/run': {},
    'POST /api/v1/notifications/{id}/read': {},
    'POST /api/v1/notifications/{id}/resend': {},
    'PUT /api/v1/notification-preferences/{category}': { mode: 'immediate' },
    'POST /api/v1/auth/register': { email: `reg-${u}@test.example`, password: 'a long enough password', displayName: 'R' },
    'POST /api/v1/auth/verify-email': { token: 'x'.repeat(43) },
    'POST /api/v1/auth/verify-email/resend': { email: `nobody-${u}@test.example` },
    'POST /api/v1/auth/password-reset': { email: `nobody-${u}@test.example` },
    'POST /api/v1/auth/password-reset/confirm': { token: 'x'.repeat(43), newPassword: 'a long enough password' },
    'POST /api/v1/auth/login': { email: `nobody-${u}@test.example`, password: 'a long enough password' },
    'POST /api/v1/auth/refresh': { refreshToken: 'x'.repeat(43) },
    'POST /api/v1/auth/logout': { refreshToken: 'x'.repeat(43) },
    'PATCH /api/v1/me': { displayName: 'Still me' },
    'POST /api/v1/clusters': { name: `Cluster ${u}`, country: 'FI', regions: ['North'] },
    'POST /api/v1/clusters/{id}/regions': { name: `Region ${u}` },
    'POST /api/v1/clusters/{id}/partners': { partnerClusterId: (await fx.world.cluster()).id },
    'POST /api/v1/clusters/{id}/staff': { email: `staff-${u}@test.example` },
    'POST /api/v1/organisations': { clusterId: fx.a.id, name: `Org ${u}`, kind: 'sme', naicsCodes: ['326199'], country: 'FI', employeeCount: 3 },
    'PATCH /api/v1/organisations/{id}': { website: 'https://example.org' },
    'POST /api/v1/organisations/{id}/members': { email: `member-${u}@test.example`, role: 'member' },
    'POST /api/v1/invitations/accept': { token: 'x'.repeat(43), password: 'a long enough password', displayName: 'I' },
    'PUT /api/v1/talents/me': { homeClusterId: fx.a.id, headline: 'Engineer', skills: ['python'], languages: ['en'], yearsOfExperience: 3 },
    'POST /api/v1/approvals/{id}/assign': { assigneeId: fx.staffUser.id },
    'POST /api/v1/approvals/{id}/decision': { decision: 'rejected', reason: 'Not a fit' },
    'POST /api/v1/products': { organisationId: fx.org.id, name: `Product ${u}`, category: '326199', grade: 2, segments: ['utilities'], markets: ['FI'] },
    'PATCH /api/v1/products/{id}': { grade: 3 },
    'POST /api/v1/channels': { organisationId: fx.org.id, name: `Channel ${u}`, type: 'distributor', markets: ['FI'], segments: ['utilities'], capacity: 10, capacityUnit: 'pallets/month', commissionPct: 5 },
    'PATCH /api/v1/channels/{id}': { commissionPct: 7 },
    // The pair exists already: an allowed caller gets 409, a refused one its 403/404 first.
    'POST /api/v1/complementarity-rules': { clusterId: fx.a.id, categoryA: '326199', categoryB: '333318', weight: 0.4 },
    'POST /api/v1/complementarity-rules/seed': { clusterId: fx.a.id },
    'PATCH /api/v1/complementarity-rules/{id}': { weight: 0.6 },
    'POST /api/v1/complementarity-rules/{id}/adopt-learned': {},
    'POST /api/v1/matching-runs': { clusterId: fx.a.id },
    'POST /api/v1/channel-matches/{id}/accept': {},
    'POST /api/v1/channel-matches/{id}/decline': { reason: 'Not for us' },
    'POST /api/v1/channel-matches/{id}/agreement': { commissionPct: 10, capacityAllotted: 1, termMonths: 12 },
    // A wrong password on purpose: erasing the actors would end the run. The refusal comes after access.
    'POST /api/v1/me/erasure': { password: `not-${FACTORY_PASSWORD}` },
    'POST /api/v1/users/{id}/erasure': {},
  };
  const queries: Record<string, Record<string, unknown>> = {
    'GET /api/v1/complementarity-rules': { clusterId: fx.a.id },
  };
  return { ...(op in bodies ? { body: bodies[op] } : {}), ...(op in queries ? { query: queries[op] } : {}) };
}
