import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '../../../config/app-config';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { OnDomainEvent } from '../../../platform/events/event-bus';
import { DomainEvents } from '../../../platform/events/event-catalog';
import { JobHandler } from '../../../platform/queue/job-handler.decorator';
import { AuditService } from '../../audit/audit.service';
import { CHANNEL_MATCH_APPROVAL } from './channel-match.approval';
import { MatchReader } from './match-reader';
import { MatchNotifier } from './match-notifier';
import { matchMachine } from './match-state-machine';
import { ProposalWriter } from '../runs/proposal-writer';

/** Pseudo-decisions at the curated weight that smooth a pair's learned acceptance rate. */
export const LEARNED_PRIOR_DECISIONS = 4;

/**
 * Worker side of the match lifecycle: staff decisions (from the approvals queue) move proposals
 * on and feed the learned complementarity; approved matches nobody answers get a reminder, then
 * expire. Every change is a conditional UPDATE, so a job or event handled twice acts once.
 */
@Injectable()
export class MatchLifecycleJobs {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly notifier: MatchNotifier,
    private readonly reader: MatchReader,
    private readonly audit: AuditService,
    private readonly proposals: ProposalWriter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @OnDomainEvent('approval.decided')
  async onDecided(event: DomainEvents['approval.decided']): Promise<void> {
    if (event.subjectKind !== CHANNEL_MATCH_APPROVAL) return;
    await this.uow.run(async (em) => {
      // A proposal written from a snapshot read before its product or channel was removed can
      // outlive the removal until the next run; approved, it could never be carried out.
      const [gone]: { id: string }[] = await em.query(
        `SELECT m.id FROM channel_matches m
         WHERE m.id = $1 AND m.approval_id = $2 AND m.status = 'proposed'
           AND (NOT EXISTS (SELECT 1 FROM channels c WHERE c.id = m.channel_id) OR NOT EXISTS (SELECT 1 FROM products p WHERE p.id = m.product_id))
         FOR UPDATE`, [event.subjectId, event.approvalId]);
      if (gone && event.decision === 'approved') {
        await this.proposals.expireProposals(em, null, [gone.id], 'its product or channel was removed');
        return;
      }
      const approved = event.decision === 'approved';
      const status = matchMachine.next('proposed', approved ? 'approve' : 'reject', {});
      const respondBy = approved ? new Date(Date.now() + this.config.MATCH_RESPONSE_DAYS * 24 * 3600 * 1000) : null;
      const changed: { id: string; host_organisation_id: string; product_id: string }[] = await em.query(
        // A top-level SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
        `WITH changed AS (
           UPDATE channel_matches SET status = $3, respond_by = $4, closed_at = CASE WHEN $3 = 'rejected' THEN now() END, updated_at = now()
           WHERE id = $1 AND approval_id = $2 AND status = 'proposed'
           RETURNING id, host_organisation_id, product_id)
         SELECT * FROM changed`,
        [event.subjectId, event.approvalId, status, respondBy],
      );
      if (changed.length === 0) return; // already applied, or the proposal expired meanwhile
      await this.audit.record(em, null, {
        action: `channel_match.${status}`, subjectKind: 'channel_match', subjectId: event.subjectId, clusterId: event.clusterId,
        before: { status: 'proposed' }, after: { status, approvalId: event.approvalId },
      });
      await this.learn(em, event.clusterId, changed[0].host_organisation_id, changed[0].product_id, approved);
      // A rejected proposal stays with staff: the parties never saw it, so they are not told.
      if (!approved) return;
      const [match] = await this.reader.load(em, [event.subjectId]);
      await this.notifier.notify(em, match, 'approved');
    });
  }

  /**
   * Staff decisions feed the rule the proposal rested on (the host's category most complementary
   * to the guest's): learned weight = (approved + m × weight) / (decisions + m), m pseudo-decisions.
   */
  private async learn(em: import('typeorm').EntityManager, clusterId: string, hostOrganisationId: string, productId: string, approved: boolean) {
    await em.query(
      `WITH guest AS (SELECT category FROM products WHERE id = $3),
            target AS (
              SELECT r.id FROM complementarity_rules r, guest g,
                     (SELECT DISTINCT category FROM products WHERE organisation_id = $2) h
              WHERE r.cluster_id = $1 AND h.category <> g.category
                AND r.category_a = LEAST(h.category, g.category) AND r.category_b = GREATEST(h.category, g.category)
              ORDER BY r.weight DESC, r.id LIMIT 1)
       UPDATE complementarity_rules r
       SET decisions_total = decisions_total + 1,
           decisions_approved = decisions_approved + $4,
           learned_weight = round(((decisions_approved + $4 + $5 * weight) / (decisions_total + 1 + $5))::numeric, 4)
       FROM target WHERE r.id = target.id`,
      [clusterId, hostOrganisationId, productId, approved ? 1 : 0, LEARNED_PRIOR_DECISIONS],
    );
  }

  /** Reminds parties who have not answered, then expires approved matches past their deadline. */
  @JobHandler('channel-sharing.expire-matches')
  async expireMatches(): Promise<{ reminded: number; expired: number }> {
    return this.uow.run(async (em) => {
      const remind: { id: string; host_accepted_at: Date | null; guest_accepted_at: Date | null }[] = await em.query(
        `WITH due AS (
           SELECT id FROM channel_matches
           WHERE status = 'approved' AND reminder_sent_at IS NULL AND respond_by > now()
             AND respond_by - make_interval(days => $1) <= now()
           ORDER BY respond_by LIMIT 500 FOR UPDATE SKIP LOCKED),
         marked AS (UPDATE channel_matches m SET reminder_sent_at = now() FROM due WHERE m.id = due.id
                    RETURNING m.id, m.host_accepted_at, m.guest_accepted_at)
         SELECT * FROM marked`,
        [this.config.MATCH_REMINDER_DAYS],
      );
      const reminded = await this.reader.load(em, remind.map((r) => r.id));
      for (const match of reminded) {
        const waiting = (['host', 'guest'] as const).filter((s) => (s === 'host' ? match.hostAcceptedAt : match.guestAcceptedAt) === null);
        await this.notifier.notify(em, match, 'reminder', waiting);
      }
      const expired: { id: string; cluster_id: string }[] = await em.query(
        `WITH due AS (
           SELECT id FROM channel_matches WHERE status = 'approved' AND respond_by <= now()
           ORDER BY respond_by LIMIT 500 FOR UPDATE SKIP LOCKED),
         marked AS (UPDATE channel_matches m SET status = 'expired', closed_at = now(), updated_at = now() FROM due WHERE m.id = due.id
                    RETURNING m.id, m.cluster_id)
         SELECT * FROM marked`,
      );
      await this.audit.recordMany(em, null, expired.map((e) => ({
        action: 'channel_match.expired', subjectKind: 'channel_match', subjectId: e.id, clusterId: e.cluster_id,
        before: { status: 'approved' }, after: { status: 'expired' },
      })));
      for (const match of await this.reader.load(em, expired.map((e) => e.id))) await this.notifier.notify(em, match, 'expired');
      return { reminded: remind.length, expired: expired.length };
    });
  }
}
