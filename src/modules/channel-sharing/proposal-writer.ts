import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApprovalsService } from '../approvals/approvals.service';
import { MatchingRun } from './matching-run.entity';

export interface RunCounts {
  pairsKept: number;
  proposalsCreated: number;
  proposalsUpdated: number;
  proposalsExpired: number;
}

/**
 * Turns a run's kept pairs into the cluster's proposals, in the caller's transaction: new pairs
 * become `proposed` matches with an approval request each; proposals still kept get the new
 * score and explanation; proposals no longer kept expire (their requests are withdrawn) unless
 * staff already decided them. An incremental run only touches pairs of its organisation.
 */
@Injectable()
export class ProposalWriter {
  constructor(private readonly approvals: ApprovalsService) {}

  async applyRun(em: EntityManager, run: MatchingRun): Promise<RunCounts> {
    await em.query(
      `CREATE TEMP TABLE kept ON COMMIT DROP AS
       SELECT DISTINCT ON (channel_id, product_id) channel_id, product_id, score, factors
       FROM match_candidates WHERE run_id = $1 ORDER BY channel_id, product_id, score DESC`,
      [run.id],
    );
    const [{ n: pairsKept }] = await em.query('SELECT count(*)::int AS n FROM kept');
    const updated = await em.query(
      `WITH u AS (UPDATE channel_matches m SET score = k.score, factors = k.factors, run_id = $1, updated_at = now()
                  FROM kept k WHERE m.channel_id = k.channel_id AND m.product_id = k.product_id AND m.status = 'proposed'
                  RETURNING m.id)
       SELECT count(*)::int AS n FROM u`,
      [run.id],
    );
    const inserted: { id: string }[] = await em.query(
      `WITH i AS (
         INSERT INTO channel_matches (cluster_id, channel_id, product_id, host_organisation_id, guest_organisation_id, score, factors, status, run_id)
         SELECT $2, k.channel_id, k.product_id, c.organisation_id, p.organisation_id, k.score, k.factors, 'proposed', $1
         FROM kept k JOIN channels c ON c.id = k.channel_id JOIN products p ON p.id = k.product_id
         ON CONFLICT (channel_id, product_id) WHERE status IN ('proposed', 'approved', 'accepted', 'agreed') DO NOTHING
         RETURNING id)
       SELECT id FROM i`,
      [run.id, run.clusterId],
    );
    if (inserted.length > 0) {
      const described: {
        id: string; channel_id: string; product_id: string; channel_name: string; channel_type: string; host: string; host_id: string;
        product_name: string; category: string; grade: number; guest: string; guest_id: string; score: number; factors: unknown;
      }[] = await em.query(
        `SELECT m.id, m.channel_id, m.product_id, c.name AS channel_name, c.type AS channel_type, ho.name AS host, ho.id AS host_id,
                p.name AS product_name, p.category, p.grade, go.name AS guest, go.id AS guest_id, m.score, m.factors
         FROM channel_matches m
         JOIN channels c ON c.id = m.channel_id JOIN organisations ho ON ho.id = m.host_organisation_id
         JOIN products p ON p.id = m.product_id JOIN organisations go ON go.id = m.guest_organisation_id
         WHERE m.id = ANY($1)`,
        [inserted.map((r) => r.id)],
      );
      const requests = await this.approvals.requestMany(em, described.map((d) => ({
        clusterId: run.clusterId,
        subjectKind: 'channel_match' as const,
        subjectId: d.id,
        partyOrganisationIds: [d.host_id, d.guest_id],
        summary: `${d.host}'s ${d.channel_type.replace(/_/g, ' ')} "${d.channel_name}" to carry ${d.guest}'s "${d.product_name}" (score ${d.score.toFixed(2)})`,
        details: { channelId: d.channel_id, productId: d.product_id, score: d.score, factors: d.factors, category: d.category, grade: d.grade },
      })));
      await em.query(
        `UPDATE channel_matches m SET approval_id = t.approval_id FROM unnest($1::uuid[], $2::uuid[]) AS t(match_id, approval_id)
         WHERE m.id = t.match_id`,
        [[...requests.keys()], [...requests.values()]],
      );
    }
    const expired: { id: string }[] = await em.query(
      `WITH e AS (
         UPDATE channel_matches m SET status = 'expired', closed_at = now(), updated_at = now()
         WHERE m.cluster_id = $1 AND m.status = 'proposed'
           AND ($2::uuid IS NULL OR m.host_organisation_id = $2 OR m.guest_organisation_id = $2)
           -- a refresh that committed after this run began knows better
           AND m.updated_at < $3
           AND NOT EXISTS (SELECT 1 FROM kept k WHERE k.channel_id = m.channel_id AND k.product_id = m.product_id)
         RETURNING m.id)
       SELECT id FROM e`,
      [run.clusterId, run.organisationId, run.createdAt],
    );
    await this.approvals.withdrawMany(em, 'channel_match', expired.map((e) => e.id));
    return { pairsKept, proposalsCreated: inserted.length, proposalsUpdated: updated[0].n, proposalsExpired: expired.length };
  }
}
