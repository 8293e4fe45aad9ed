import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MemberContact, OrganisationProfile, OrganisationProfilesService } from '../../directory/organisation-profiles.service';
import { MatchDetails, Party } from './match-details';

/**
 * Reads matches with everything their views and mails show: the match, its channel and product
 * (this module's tables, one query) and both organisations through the directory's read port.
 */
@Injectable()
export class MatchReader {
  constructor(private readonly directory: OrganisationProfilesService) {}

  /** The matches of these ids that exist, in the order given. */
  async load(em: EntityManager, ids: string[]): Promise<MatchDetails[]> {
    if (ids.length === 0) return [];
    const rows: Record<string, never>[] = await em.query(
      `SELECT m.*, to_char(m.agreement_starts_on, 'YYYY-MM-DD') AS starts_on, c.id IS NOT NULL AS channel_exists, c.name AS channel_name,
              c.type AS channel_type, c.markets AS channel_markets, c.segments AS channel_segments, c.capacity, c.used_capacity,
              c.capacity_unit, c.commission_pct, p.id IS NOT NULL AS product_exists, p.name AS product_name, p.category, p.grade,
              p.segments AS product_segments, p.markets AS product_markets, p.price_band
       FROM channel_matches m LEFT JOIN channels c ON c.id = m.channel_id LEFT JOIN products p ON p.id = m.product_id
       WHERE m.id = ANY($1)`,
      [ids],
    );
    const profiles = await this.directory.profiles(em, rows.flatMap((r) => [r.host_organisation_id, r.guest_organisation_id]));
    const byId = new Map(rows.flatMap((r) => {
      const host = profiles.get(r.host_organisation_id);
      const guest = profiles.get(r.guest_organisation_id);
      return host && guest ? [[r.id as string, toDetails(r, party(host), party(guest))] as const] : [];
    }));
    return ids.map((id) => byId.get(id)).filter((d): d is MatchDetails => d !== undefined);
  }

  /** The members of these organisations: whom a match's mails go to, and whose contacts it reveals. */
  contacts(em: EntityManager, organisationIds: string[]): Promise<MemberContact[]> {
    return this.directory.memberContacts(em, organisationIds);
  }
}

function party(p: OrganisationProfile): Party {
  return { organisationId: p.id, name: p.name, kind: p.kind, region: p.region, country: p.country, employeeCount: p.employeeCount, website: p.website };
}

function toDetails(r: Record<string, never>, host: Party, guest: Party): MatchDetails {
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
    host,
    guest,
  };
}
