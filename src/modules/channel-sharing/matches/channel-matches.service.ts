import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { actsForCluster, clusterClause, scopeToActor, visibleOr404 } from '../../../platform/access/actor-scope';
import { Actor } from '../../../platform/auth/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ValidationFailedError } from '../../../platform/http/domain-error';
import { Page, paginate } from '../../../platform/http/pagination';
import { AuditService } from '../../audit/audit.service';
import { counterpartView, Disclosure } from '../../directory/counterpart';
import { MembershipsService } from '../../directory/memberships.service';
import { CatalogueChanges } from '../catalogue/catalogue-changes';
import { Channel } from '../catalogue/channel.entity';
import { channelSharingAccess } from '../channel-sharing-access';
import { MatchNotFoundError, NotAPartyError } from '../runs/matching.errors';
import { ProposalWriter } from '../runs/proposal-writer';
import { ChannelMatch, MatchStatus } from './channel-match.entity';
import { AgreementDto, AnswerMatchDto, ChannelMatchView, DeclineMatchDto, MatchQuery } from './dto/channel-match.dto';
import { CHANNEL_MATCH_VISIBILITY, MatchDetails, Party, readableFactors, Side } from './match-details';
import { MatchNotifier } from './match-notifier';
import { MatchReader } from './match-reader';
import { matchMachine } from './match-state-machine';

/** When the match's answer deadline has passed but the expiry job has not yet expired it. */
function deadlinePassed(match: MatchDetails): Date | null {
  return match.respondBy !== null && match.respondBy.getTime() <= Date.now() ? match.respondBy : null;
}

class OnlyHostAgreesError extends DomainError {
  constructor() {
    super('forbidden', 'channel_sharing.only_host_agrees', 'Only the host organisation, whose channel it is, records the agreement.');
  }
}

/**
 * The match lifecycle seen from the API. Staff of the cluster see every match with names;
 * parties see their matches once staff approved them, the other side anonymous (kind, region,
 * size, the product or channel) until both accepted. Every step is a conditional change under a
 * row lock, audited, with the parties' mails in the same transaction.
 */
@Injectable()
export class ChannelMatchesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifier: MatchNotifier,
    private readonly changes: CatalogueChanges,
    private readonly proposals: ProposalWriter,
    private readonly memberships: MembershipsService,
    private readonly reader: MatchReader,
  ) {}

  async list(actor: Actor, query: MatchQuery): Promise<Page<ChannelMatchView>> {
    const qb = this.uow.reader.createQueryBuilder(ChannelMatch, 'm');
    // Staff see their cluster's matches; anyone sees, as a party, their organisations' approved ones.
    scopeToActor(qb, actor, channelSharingAccess.matchScope('m'));
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    if (query.organisationId) {
      // A party filters by its own side only: filtering by the other side would confirm who an
      // anonymous counterpart is.
      const staffSees = clusterClause(actor, 'm.cluster_id');
      qb.andWhere(
        `((m.host_organisation_id = :org AND (${staffSees} OR m.host_organisation_id = ANY(:own)))
          OR (m.guest_organisation_id = :org AND (${staffSees} OR m.guest_organisation_id = ANY(:own))))`,
        { org: query.organisationId, own: actor.organisations.map((o) => o.id) },
      );
    }
    const page = await paginate(qb, query);
    const details = await this.reader.load(this.uow.reader, page.items.map((m) => m.id));
    const contacts = await this.contactsFor(this.uow.reader, details);
    return { items: details.map((d) => this.view(actor, d, contacts)), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<ChannelMatchView> {
    const match = await this.visible(this.uow.reader, actor, id);
    return this.view(actor, match, await this.contactsFor(this.uow.reader, [match]));
  }

  accept(actor: Actor, id: string, dto: AnswerMatchDto): Promise<ChannelMatchView> {
    return this.answer(actor, id, dto, async (em, match, side) => {
      const accepted = side === 'host' ? match.hostAcceptedAt : match.guestAcceptedAt;
      matchMachine.next(match.status, 'accept', { alreadyAccepted: accepted !== null, deadlinePassed: deadlinePassed(match) });
      const otherAccepted = (side === 'host' ? match.guestAcceptedAt : match.hostAcceptedAt) !== null;
      const status = otherAccepted ? matchMachine.next(match.status, 'both_accepted', {}) : match.status;
      await em.update(ChannelMatch, { id }, { [side === 'host' ? 'hostAcceptedAt' : 'guestAcceptedAt']: new Date(), status });
      return { action: 'channel_match.accepted', after: { status, acceptedBy: side } };
    }, async (em, after, side) => {
      if (after.status === 'accepted') await this.notifier.notify(em, after, 'accepted');
      else await this.notifier.notify(em, after, 'counterpart_accepted', [side === 'host' ? 'guest' : 'host']);
    });
  }

  decline(actor: Actor, id: string, dto: DeclineMatchDto): Promise<ChannelMatchView> {
    const reason = dto.reason.trim();
    return this.answer(actor, id, dto, async (em, match, side) => {
      const status = await this.declineAs(em, match, side, reason, deadlinePassed(match));
      return { action: 'channel_match.declined', after: { status, declinedBy: side, reason } };
    }, (em, after) => this.notifier.notify(em, after, 'declined'));
  }

  agree(actor: Actor, id: string, dto: AgreementDto): Promise<ChannelMatchView> {
    const { organisationId, ...terms } = dto;
    return this.answer(actor, id, { organisationId }, async (em, match, side) => {
      if (side !== 'host') throw new OnlyHostAgreesError();
      // Locked before the match (see `answer`), as a channel's removal does, so two agreements
      // cannot both take its last capacity and neither order deadlocks.
      const channel = await em.findOne(Channel, { where: { id: match.channel.id } });
      const spare = channel ? channel.capacity - channel.usedCapacity : 0;
      const status = matchMachine.next(match.status, 'agree', { spareCapacity: spare, capacityAllotted: terms.capacityAllotted });
      channel!.usedCapacity += terms.capacityAllotted;
      await em.save(channel!);
      const startsOn = terms.startsOn ?? new Date().toISOString().slice(0, 10);
      await em.update(ChannelMatch, { id }, {
        status,
        agreementCommissionPct: terms.commissionPct.toFixed(2),
        agreementCapacity: terms.capacityAllotted,
        agreementTermMonths: terms.termMonths,
        agreementStartsOn: startsOn,
        agreedAt: new Date(),
        closedAt: new Date(),
      });
      // Less spare capacity changes how the host's channel scores: refresh its matches.
      await this.changes.record(em, { organisationId: channel!.organisationId, clusterId: channel!.clusterId });
      return {
        action: 'channel_match.agreed',
        after: { status, commissionPct: terms.commissionPct, capacityAllotted: terms.capacityAllotted, termMonths: terms.termMonths, startsOn, usedCapacity: channel!.usedCapacity },
      };
    }, (em, after) => this.notifier.notify(em, after, 'agreed'), (em) =>
      em.query('SELECT 1 FROM channels WHERE id = (SELECT channel_id FROM channel_matches WHERE id = $1) FOR UPDATE', [id]));
  }

  /**
   * A party withdraws a product or channel from its catalogue (in the caller's transaction, before
   * the row goes): each of its approved or accepted matches is declined on that party's behalf
   * with the reason, audited, and both sides are told as for any decline. Its proposals expire at
   * once and their approval requests are withdrawn, so staff cannot approve a match whose product
   * or channel is gone (the parties never saw them, so nobody is mailed). Agreed matches stand,
   * since an agreement was made.
   */
  async declineWithdrawn(em: EntityManager, actor: Actor, item: { subject: 'product' | 'channel'; id: string }): Promise<number> {
    const { rows, side, reason } = item.subject === 'product'
      ? { rows: 'product_id', side: 'guest' as const, reason: 'The guest withdrew the product from its catalogue.' }
      : { rows: 'channel_id', side: 'host' as const, reason: 'The host withdrew the channel from its catalogue.' };
    const open: { id: string; status: MatchStatus }[] = await em.query(
      `SELECT id, status FROM channel_matches WHERE ${rows} = $1 AND status IN ('proposed', 'approved', 'accepted') ORDER BY id FOR UPDATE`, [item.id]);
    const proposed = open.filter((m) => m.status === 'proposed');
    for (const match of await this.reader.load(em, open.filter((m) => m.status !== 'proposed').map((m) => m.id))) {
      const status = await this.declineAs(em, match, side, reason);
      await this.audit.record(em, actor, {
        action: 'channel_match.declined', subjectKind: 'channel_match', subjectId: match.id, clusterId: match.clusterId,
        before: { status: match.status }, after: { status, declinedBy: side, reason },
      });
      await this.notifier.notify(em, { ...match, status, declinedByOrganisationId: match[side].organisationId, declineReason: reason }, 'declined');
    }
    await this.proposals.expireProposals(em, actor, proposed.map((m) => m.id), reason);
    return open.length;
  }

  /**
   * Declines the match as `side` with the reason (the state machine decides whether it may, past
   * the deadline not; a withdrawal passes none); the new status.
   */
  private async declineAs(em: EntityManager, match: MatchDetails, side: Side, reason: string, deadline: Date | null = null): Promise<MatchStatus> {
    const status = matchMachine.next(match.status, 'decline', { reason, deadlinePassed: deadline });
    await em.update(ChannelMatch, { id: match.id }, {
      status, declinedByOrganisationId: match[side].organisationId, declineReason: reason, closedAt: new Date(),
    });
    return status;
  }

  /** One party's answer: lock, check the actor's side, change, audit, reread, notify — one transaction. */
  private answer(
    actor: Actor,
    id: string,
    dto: AnswerMatchDto,
    change: (em: EntityManager, match: MatchDetails, side: Side) => Promise<{ action: string; after: Record<string, unknown> }>,
    notify: (em: EntityManager, after: MatchDetails, side: Side) => Promise<void>,
    lockFirst?: (em: EntityManager) => Promise<unknown>,
  ): Promise<ChannelMatchView> {
    return this.uow.run(async (em) => {
      // A party answers with the memberships it holds now, not those its access token recorded.
      actor = await this.memberships.current(em, actor);
      // Rows are locked channel before match, everywhere both are locked.
      if (lockFirst) await lockFirst(em);
      await em.query('SELECT 1 FROM channel_matches WHERE id = $1 FOR UPDATE', [id]);
      const match = await this.visible(em, actor, id);
      const side = this.sideFor(actor, match, dto.organisationId);
      const { action, after } = await change(em, match, side);
      await this.audit.record(em, actor, {
        action, subjectKind: 'channel_match', subjectId: id, clusterId: match.clusterId, before: { status: match.status }, after,
      });
      const [updated] = await this.reader.load(em, [id]);
      await notify(em, updated, side);
      return this.view(actor, updated, await this.contactsFor(em, [updated]));
    });
  }

  private sideFor(actor: Actor, match: MatchDetails, organisationId: string | undefined): Side {
    const mine = new Set(actor.organisations.map((o) => o.id));
    const sides = (['host', 'guest'] as const).filter((s) => mine.has(match[s].organisationId));
    if (organisationId) {
      const side = sides.find((s) => match[s].organisationId === organisationId);
      if (!side) throw new NotAPartyError();
      return side;
    }
    if (sides.length === 0) throw new NotAPartyError();
    if (sides.length > 1) {
      throw new ValidationFailedError([{ field: 'organisationId', messages: ['you act for both parties: say which one answers'] }]);
    }
    return sides[0];
  }

  /** Staff of the cluster see every match; a party sees it once approved; anyone else gets 404. */
  private async visible(em: EntityManager, actor: Actor, id: string): Promise<MatchDetails> {
    const [match] = await this.reader.load(em, [id]);
    return visibleOr404(match, (m) => channelSharingAccess.seesMatch(actor, m), () => new MatchNotFoundError());
  }

  private async contactsFor(em: EntityManager, matches: MatchDetails[]): Promise<Map<string, { name: string; email: string }[]>> {
    const map = new Map<string, { name: string; email: string }[]>();
    for (const c of await this.reader.contacts(em, matches.flatMap((m) => [m.host.organisationId, m.guest.organisationId]))) {
      map.set(c.organisationId, [...(map.get(c.organisationId) ?? []), { name: c.name, email: c.email }]);
    }
    return map;
  }

  private view(actor: Actor, m: MatchDetails, contacts: Map<string, { name: string; email: string }[]>): ChannelMatchView {
    const staff = actsForCluster(actor, m.clusterId);
    const mine = new Set(actor.organisations.map((o) => o.id));
    // A member of a party (staff included) has a side; staff who are not one have none.
    const yourRole: Side | null = mine.has(m.host.organisationId) ? 'host' : mine.has(m.guest.organisationId) ? 'guest' : null;
    const revealed = staff || CHANNEL_MATCH_VISIBILITY.revealed(m.status);
    const sees = (side: Side) => revealed || yourRole === side;
    const disclosure = (side: Side): Disclosure => (!sees(side) ? 'anonymous' : revealed ? 'named_with_contacts' : 'named');
    const party = (side: Side, p: Party, acceptedAt: Date | null) => ({
      ...counterpartView({ ...p, id: p.organisationId, clusterId: m.clusterId }, disclosure(side), contacts.get(p.organisationId) ?? []),
      acceptedAt: acceptedAt?.toISOString() ?? null,
    });
    const declinedBy = m.declinedByOrganisationId === null ? null : m.declinedByOrganisationId === m.host.organisationId ? 'host' : 'guest';
    return {
      id: m.id,
      clusterId: m.clusterId,
      status: m.status,
      yourRole,
      score: m.score,
      explanation: readableFactors(m.factors),
      // The ids too: a product matched with two of the host's channels, one of them accepted,
      // would otherwise name its owner on the other.
      channel: { ...m.channel, id: sees('host') ? m.channel.id : null, name: sees('host') ? m.channel.name : null },
      product: { ...m.product, id: sees('guest') ? m.product.id : null, name: sees('guest') ? m.product.name : null },
      host: party('host', m.host, m.hostAcceptedAt),
      guest: party('guest', m.guest, m.guestAcceptedAt),
      respondBy: m.respondBy?.toISOString() ?? null,
      declinedBy,
      declineReason: m.declineReason,
      agreement: m.agreement,
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
    };
  }
}
