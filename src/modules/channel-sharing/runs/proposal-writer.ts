import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../../../platform/auth/actor';
import { ApprovalsService } from '../../approvals/approvals.service';
import { AuditService } from '../../audit/audit.service';
import { OrganisationProfilesService } from '../../directory/organisation-profiles.service';
import { CHANNEL_MATCH_APPROVAL } from '../matches/channel-match.approval';
import { matchMachine } from '../matches/match-state-machine';
import { MatchingRun } from './matching-run.entity';

export interface RunCounts {
  pairsKept: number;
  proposalsCreated: number;
  proposalsUpdated: number;
  proposalsExpired: number;
}

/** What writing a run's (or one shard's) kept pairs did. */
export interface Written {
  proposalsCreated: number;
  proposalsUpdated: number;
}

/**
 * Turns a run's kept pairs into the cluster's proposals, in the caller's transaction: new pairs
 * become `proposed` matches with an approval request each; proposals still kept get the new
 * score and explanation (`write`, for the whole run or one shard); then proposals no longer kept
 * expire (their requests are withdrawn) unless staff already decided them, the run's candidates
 * are dropped and the run is marked completed with its counts (`close`). An incremental run only
 * touches pairs of its organisation. A full run's shards each write their own pairs (so that
 * PostgreSQL writes one shard while the worker matches the next) and its finaliser closes it.
 */
@Injectable()
export class ProposalWriter {
  private readonly logger = new Logger('ProposalWriter');

  constructor(
    private readonly approvals: ApprovalsService,
    private readonly audit: AuditService,
    private readonly directory: OrganisationProfilesService,
  ) {}

  /**
   * Expires these proposals at once, outside any run (their product or channel is gone): each is
   * audited with the reason and its open approval request withdrawn. Decided matches are left
   * alone. The parties never saw a proposal, so nobody is mailed.
   */
  async expireProposals(em: EntityManager, actor: Actor | null, ids: string[], reason: string): Promise<void> {
    if (ids.length === 0) return;
    const status = matchMachine.next('proposed', 'expire', {});
    const expired: { id: string; cluster_id: string; approval_id: string | null }[] = await em.query(
      `WITH e AS (UPDATE channel_matches SET status = $2, closed_at = now(), updated_at = now()
                  WHERE id = ANY($1::uuid[]) AND status = 'proposed' RETURNING id, cluster_id, approval_id)
       SELECT * FROM e`, [ids, status]);
    await this.audit.recordMany(em, actor, expired.map((e) => ({
      action: 'channel_match.expired', subjectKind: 'channel_match', subjectId: e.id, clusterId: e.cluster_id,
      before: { status: 'proposed' }, after: { status, approvalId: e.approval_id, reason },
    })));
    await this.approvals.withdrawMany(em, actor, CHANNEL_MATCH_APPROVAL, expired.map((e) => e.id));
  }

  /** `write` and `close` in one go (a refresh). */
  async completeRun(em: EntityManager, run: MatchingRun): Promise<RunCounts> {
    return this.close(em, run, await this.write(em, run, null));
  }

  /** Writes the kept pairs of the run, or of one of its shards. */
  async write(em: EntityManager, run: MatchingRun, shard: number | null): Promise<Written> {
    const started = performance.now();
    const millis: Record<string, number> = {};
    let mark = started;
    const lap = (name: string) => {
      const now = performance.now();
      millis[name] = Math.round(now - mark);
      mark = now;
    };
    // The kept pairs: one row per pair (a channel is in one shard; a refresh dedupes its pairs).
    const kept = `(SELECT * FROM match_candidates WHERE run_id = $1 ${shard === null ? '' : `AND shard = ${Number(shard)}`})`;
    const updated = await em.query(
      `WITH u AS (UPDATE channel_matches m SET score = k.score, factors = k.factors, run_id = $1, updated_at = now()
                  FROM ${kept} k WHERE m.channel_id = k.channel_id AND m.product_id = k.product_id AND m.status = 'proposed'
                  RETURNING m.id)
       SELECT count(*)::int AS n FROM u`,
      [run.id],
    );
    lap('updated');
    const fresh: { id: string }[] = await em.query(
      `WITH i AS (
         INSERT INTO channel_matches
           (cluster_id, channel_id, product_id, host_organisation_id, guest_organisation_id, score, factors, status, run_id, approval_id)
         SELECT $2, k.channel_id, k.product_id, k.host_organisation_id, k.guest_organisation_id, k.score, k.factors, 'proposed', $1,
                gen_random_uuid()
         FROM ${kept} k
         ON CONFLICT (channel_id, product_id) WHERE status IN ('proposed', 'approved', 'accepted', 'agreed') DO NOTHING
         RETURNING id)
       SELECT id FROM i`,
      [run.id, run.clusterId],
    );
    const created = fresh.length;
    lap('inserted');
    if (created > 0) {
      await this.requestApproval(em, run.clusterId, fresh.map((r) => r.id));
      lap('approvals');
    }
    if (shard !== null) this.logger.debug({ runId: run.id, shard, millis, total: Math.round(performance.now() - started) }, 'proposals written');
    return { proposalsCreated: created, proposalsUpdated: updated[0].n };
  }

  /**
   * Files one approval request per new proposal, under the id the proposal already names. Staff
   * see names in the queue; the parties never see this summary. Left joins: a product or channel
   * deleted since its shard's snapshot was read still leaves its proposal a request, named
   * "deleted"; approving it expires it (MatchLifecycleJobs) and the next run drops it.
   */
  private async requestApproval(em: EntityManager, clusterId: string, matchIds: string[]): Promise<void> {
    // The details go as text: a run's explanations are not parsed here to be serialised again.
    const rows: { id: string; approval_id: string; host: string; guest: string; score: number; details: string;
      channel_name: string | null; channel_type: string | null; product_name: string | null }[] = await em.query(
      `SELECT m.id, m.approval_id, m.host_organisation_id AS host, m.guest_organisation_id AS guest, m.score,
              c.name AS channel_name, c.type AS channel_type, p.name AS product_name,
              jsonb_build_object('channelId', m.channel_id, 'productId', m.product_id, 'score', m.score, 'factors', m.factors,
                                 'category', p.category, 'grade', p.grade)::text AS details
       FROM unnest($1::uuid[]) AS f(id) JOIN channel_matches m ON m.id = f.id
       LEFT JOIN channels c ON c.id = m.channel_id LEFT JOIN products p ON p.id = m.product_id`, [matchIds]);
    const names = await this.directory.names(em, rows.flatMap((r) => [r.host, r.guest]));
    const name = (id: string) => names.get(id) ?? 'a member';
    await this.approvals.requestMany(em, null, rows.map((r) => ({
      id: r.approval_id,
      clusterId,
      subjectKind: CHANNEL_MATCH_APPROVAL,
      subjectId: r.id,
      parties: { organisationIds: [r.host, r.guest], userIds: [] },
      summary: `${name(r.host)}'s ${(r.channel_type ?? 'channel').replace(/_/g, ' ')} "${r.channel_name ?? 'deleted'}" to carry ${name(r.guest)}'s "${r.product_name ?? 'deleted'}" (score ${Number(r.score).toFixed(2)})`,
      detailsJson: r.details,
    })), { notifyStaff: false });
  }

  /** Expires the proposals the run no longer keeps, drops its candidates and marks it completed. */
  async close(em: EntityManager, run: MatchingRun, written: Written): Promise<RunCounts> {
    const started = performance.now();
    const expired: { id: string }[] = await em.query(
      `WITH e AS (
         UPDATE channel_matches m SET status = 'expired', closed_at = now(), updated_at = now()
         WHERE m.cluster_id = $1 AND m.status = 'proposed'
           AND ($2::uuid IS NULL OR m.host_organisation_id = $2 OR m.guest_organisation_id = $2)
           -- a refresh that committed after this run began knows better
           AND m.updated_at < $3
           AND NOT EXISTS (SELECT 1 FROM match_candidates k WHERE k.run_id = $4 AND k.channel_id = m.channel_id AND k.product_id = m.product_id)
         RETURNING m.id)
       SELECT id FROM e`,
      [run.clusterId, run.organisationId, run.createdAt, run.id],
    );
    await this.approvals.withdrawMany(em, null, CHANNEL_MATCH_APPROVAL, expired.map((e) => e.id));
    const [{ n: pairsKept }] = await em.query('SELECT count(*)::int AS n FROM match_candidates WHERE run_id = $1', [run.id]);
    const counts: RunCounts = { pairsKept, ...written, proposalsExpired: expired.length };
    await em.query('DELETE FROM match_candidates WHERE run_id = $1', [run.id]);
    await em.update(MatchingRun, { id: run.id }, { ...counts, status: 'completed', finishedAt: new Date() });
    if (!run.organisationId) this.logger.log({ runId: run.id, ...counts, millis: Math.round(performance.now() - started) }, 'run closed');
    return counts;
  }
}
