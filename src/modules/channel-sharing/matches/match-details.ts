import { EntityManager } from 'typeorm';
import type { MatchMailStep, ChannelMatchMailData } from '../../notifications/templates/channel-sharing.templates';
import { naicsTitle } from '../../directory/reference-data';
import { MatchStatus } from './channel-match.entity';
import type { FactorExplanation } from '../matching/scoring';

/** A match with everything its views and mails show, read in one query. */
export interface MatchDetails {
  id: string;
  clusterId: string;
  status: MatchStatus;
  score: number;
  factors: FactorExplanation[];
  approvalId: string | null;
  hostAcceptedAt: Date | null;
  guestAcceptedAt: Date | null;
  declinedByOrganisationId: string | null;
  declineReason: string | null;
  respondBy: Date | null;
  closedAt: Date | null;
  agreement: { commissionPct: number; capacity: number; termMonths: number; startsOn: string; agreedAt: string } | null;
  createdAt: Date;
  updatedAt: Date;
  channel: {
    id: string; exists: boolean; name: string | null; type: string | null; markets: string[]; segments: string[];
    capacity: number | null; usedCapacity: number | null; capacityUnit: string | null; commissionPct: number | null;
  };
  product: {
    id: string; exists: boolean; name: string | null; category: string | null; grade: number | null; segments: string[];
    markets: string[]; priceBand: string | null;
  };
  host: Party;
  guest: Party;
}

export interface Party {
  organisationId: string;
  name: string;
  kind: string;
  region: string | null;
  country: string;
  employeeCount: number;
  website: string | null;
}

export type Side = 'host' | 'guest';

/** Both parties have said yes: from here on they see each other's names and contacts. */
export const REVEALED_STATUSES: MatchStatus[] = ['accepted', 'agreed'];
/**
 * Parties see a match once staff approved it (an expired one only if it expired after approval,
 * i.e. had a deadline); proposals and rejections stay with staff. The same rule for lists (SQL)
 * and for one match (TypeScript).
 */
export const PARTY_VISIBLE_SQL = `(m.status IN ('approved', 'accepted', 'agreed', 'declined') OR (m.status = 'expired' AND m.respond_by IS NOT NULL))`;
export function partySees(match: { status: MatchStatus; respondBy: Date | null }): boolean {
  return ['approved', 'accepted', 'agreed', 'declined'].includes(match.status) || (match.status === 'expired' && match.respondBy !== null);
}

export function sizeBand(employees: number): string {
  if (employees < 10) return 'micro (1–9 employees)';
  if (employees < 50) return 'small (10–49 employees)';
  if (employees < 250) return 'medium (50–249 employees)';
  return 'large (250+ employees)';
}

/** How the other organisation is described before names are revealed. */
export function anonymous(party: Party): string {
  const where = party.region ? `${party.region}, ${party.country}` : party.country;
  return `a ${sizeBand(party.employeeCount).split(' (')[0]} ${party.kind.replace(/_/g, ' ')} in ${where}`;
}

export async function loadMatchDetails(em: EntityManager, ids: string[]): Promise<MatchDetails[]> {
  if (ids.length === 0) return [];
  const rows: Record<string, never>[] = await em.query(
    `SELECT m.*, to_char(m.agreement_starts_on, 'YYYY-MM-DD') AS starts_on, c.id IS NOT NULL AS channel_exists, c.name AS channel_name, c.type AS channel_type, c.markets AS channel_markets,
            c.segments AS channel_segments, c.capacity, c.used_capacity, c.capacity_unit, c.commission_pct,
            p.id IS NOT NULL AS product_exists, p.name AS product_name, p.category, p.grade, p.segments AS product_segments,
            p.markets AS product_markets, p.price_band,
            ho.name AS host_name, ho.kind AS host_kind, ho.country AS host_country, ho.employee_count AS host_employees,
            ho.website AS host_website, hr.name AS host_region,
            go.name AS guest_name, go.kind AS guest_kind, go.country AS guest_country, go.employee_count AS guest_employees,
            go.website AS guest_website, gr.name AS guest_region
     FROM channel_matches m
     LEFT JOIN channels c ON c.id = m.channel_id
     LEFT JOIN products p ON p.id = m.product_id
     JOIN organisations ho ON ho.id = m.host_organisation_id LEFT JOIN regions hr ON hr.id = ho.region_id
     JOIN organisations go ON go.id = m.guest_organisation_id LEFT JOIN regions gr ON gr.id = go.region_id
     WHERE m.id = ANY($1)`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id as string, toDetails(r)]));
  return ids.map((id) => byId.get(id)).filter((d): d is MatchDetails => d !== undefined);
}

function toDetails(r: Record<string, never>): MatchDetails {
  const party = (side: Side): Party => ({
    organisationId: r[`${side}_organisation_id`],
    name: r[`${side}_name`],
    kind: r[`${side}_kind`],
    region: r[`${side}_region`],
    country: r[`${side}_country`],
    employeeCount: r[`${side}_employees`],
    website: r[`${side}_website`],
  });
  return {
    id: r.id,
    clusterId: r.cluster_id,
    status: r.status,
    score: r.score,
    factors: r.factors,
    approvalId: r.approval_id,
    hostAcceptedAt: r.host_accepted_at,
    guestAcceptedAt: r.guest_accepted_at,
    declinedByOrganisationId: r.declined_by_organisation_id,
    declineReason: r.decline_reason,
    respondBy: r.respond_by,
    closedAt: r.closed_at,
    agreement: r.agreed_at
      ? {
          commissionPct: Number(r.agreement_commission_pct),
          capacity: r.agreement_capacity,
          termMonths: r.agreement_term_months,
          startsOn: r.starts_on,
          agreedAt: (r.agreed_at as Date).toISOString(),
        }
      : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    channel: {
      id: r.channel_id, exists: r.channel_exists, name: r.channel_name, type: r.channel_type, markets: r.channel_markets ?? [],
      segments: r.channel_segments ?? [], capacity: r.capacity, usedCapacity: r.used_capacity, capacityUnit: r.capacity_unit,
      commissionPct: r.commission_pct === null ? null : Number(r.commission_pct),
    },
    product: {
      id: r.product_id, exists: r.product_exists, name: r.product_name, category: r.category, grade: r.grade,
      segments: r.product_segments ?? [], markets: r.product_markets ?? [], priceBand: r.price_band,
    },
    host: party('host'),
    guest: party('guest'),
  };
}

export interface MemberContact {
  organisationId: string;
  userId: string;
  name: string;
  email: string;
  locale: string;
}

/** The members of these organisations: whom a match's mails go to, and whose contacts it reveals. */
export async function memberContacts(em: EntityManager, organisationIds: string[]): Promise<MemberContact[]> {
  if (organisationIds.length === 0) return [];
  const rows: { organisation_id: string; id: string; email: string; locale: string; display_name: string }[] = await em.query(
    `SELECT om.organisation_id, u.id, u.email, u.locale, u.display_name
     FROM organisation_members om JOIN users u ON u.id = om.user_id
     WHERE om.organisation_id = ANY($1) ORDER BY u.email`,
    [[...new Set(organisationIds)]],
  );
  return rows.map((r) => ({ organisationId: r.organisation_id, userId: r.id, name: r.display_name, email: r.email, locale: r.locale }));
}

/**
 * The factors as a member reads them: the matcher writes categories as NAICS codes (it explains
 * every pair it keeps, so it stays cheap); readers get "Title (code)".
 */
export function readableFactors(factors: FactorExplanation[]): FactorExplanation[] {
  return factors.map((f) => ({ ...f, text: f.text.replace(/\b\d{6}\b/g, (code) => { const title = naicsTitle(code); return title ? `${title} (${code})` : code; }) }));
}

export function explanationLines(factors: FactorExplanation[]): string[] {
  return readableFactors(factors).map((f) => `${f.factor}: ${f.text} (value ${f.value.toFixed(2)} × weight ${f.weight} = ${f.contribution.toFixed(3)})`);
}

/** The mail one side gets for a step, with the other side anonymous until both accepted. */
export function mailFor(
  match: MatchDetails,
  side: Side,
  step: MatchMailStep,
  link: string,
  contacts: { name: string; email: string }[] | undefined,
): ChannelMatchMailData {
  const other = side === 'host' ? match.guest : match.host;
  const revealed = REVEALED_STATUSES.includes(match.status);
  const yours =
    side === 'host'
      ? `your ${(match.channel.type ?? 'channel').replace(/_/g, ' ')} "${match.channel.name ?? 'removed channel'}"`
      : `your product "${match.product.name ?? 'removed product'}"`;
  return {
    matchId: match.id,
    step,
    role: side,
    yours,
    counterpart: revealed ? other.name : anonymous(other),
    score: match.score,
    explanation: explanationLines(match.factors),
    respondBy: match.respondBy?.toISOString().slice(0, 10) ?? null,
    reason: match.declineReason,
    contacts: revealed ? contacts : undefined,
    agreement: match.agreement && match.channel.capacityUnit
      ? { ...match.agreement, capacityUnit: match.channel.capacityUnit }
      : null,
    link,
  };
}
