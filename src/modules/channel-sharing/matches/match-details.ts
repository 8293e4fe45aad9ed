import type { MatchMailStep, ChannelMatchMailData } from '../../notifications/templates/channel-sharing.templates';
import { anonymousDescription } from '../../directory/counterpart';
import type { OrganisationProfile } from '../../directory/organisation-profiles.service';
import { naicsTitle } from '../../directory/reference-data';
import { partyVisibility } from '../../../platform/access/party-visibility';
import { MatchStatus } from './channel-match.entity';
import type { FactorExplanation } from '../matching/scoring';

/** A match with everything its views and mails show (MatchReader reads it). */
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

/** One side of a match: the directory's profile of its organisation. */
export type Party = Omit<OrganisationProfile, 'id' | 'clusterId'> & { organisationId: string };

export type Side = 'host' | 'guest';

/**
 * Parties see a match once staff approved it (an expired one only if it expired after approval,
 * i.e. had a deadline); proposals and rejections stay with staff. Both sides see each other's
 * names and contacts once both said yes. Lists use `.sql('m')`, one match `.sees(match)`.
 */
export const CHANNEL_MATCH_VISIBILITY = partyVisibility<MatchStatus>({
  visible: ['approved', 'accepted', 'agreed', 'declined'],
  visibleWhenSet: { status: 'expired', column: 'respond_by', field: 'respondBy' },
  revealed: ['accepted', 'agreed'],
});

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
  const revealed = CHANNEL_MATCH_VISIBILITY.revealed(match.status);
  const yours =
    side === 'host'
      ? `your ${(match.channel.type ?? 'channel').replace(/_/g, ' ')} "${match.channel.name ?? 'removed channel'}"`
      : `your product "${match.product.name ?? 'removed product'}"`;
  return {
    matchId: match.id,
    step,
    role: side,
    yours,
    counterpart: revealed ? other.name : anonymousDescription(other),
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
