import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, InjectConfig } from '../../../config/app-config';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { OnDomainEvent } from '../../../platform/events/event-bus';
import { DomainEvents } from '../../../platform/events/event-catalog';
import { Metrics } from '../../../platform/metrics/metrics';
import { JobHandler } from '../../../platform/queue/job-handler.decorator';
import { JobQueue } from '../../../platform/queue/job-queue.service';
import { CatalogueChanges } from '../catalogue/catalogue-changes';
import { explainPair, MutualMatcher } from '../matching/mutual';
import { ExplainedPair } from '../matching/top-k';
import { MatchingRun, MatchingRunShard } from './matching-run.entity';
import { MatchingRunsService } from './matching-runs.service';
import { MatchingSnapshot } from './matching-snapshot';
import { ProposalWriter, RunCounts } from './proposal-writer';

/** A refresh snapshot older than this is read afresh instead of caught up. */
const REFRESH_SNAPSHOT_MAX_AGE_MS = 15 * 60 * 1000;
/** A run's snapshot not used for this long is dropped (the run finished or moved to other workers). */
const RUN_SNAPSHOT_IDLE_MS = 60 * 1000;
/** A shard matches this many channels (a few milliseconds' work) between turns of the event loop. */
const YIELD_EVERY_CHANNELS = 50;

/**
 * Worker side of matching. A shard replaces its kept pairs and writes them as proposals in one
 * transaction (so running it twice, or after a worker died in the middle, gives the same rows);
 * the finaliser runs once all shards are done, expires the proposals no shard kept and completes
 * the run. A refresh recomputes one organisation's pairs against a cached, caught-up snapshot of
 * its cluster; refreshes of one cluster take turns, as they change that snapshot.
 */
@Injectable()
export class MatchingJobs {
  private readonly logger = new Logger('MatchingJobs');
  private readonly runSnapshots = new Map<string, { snapshot: Promise<{ snapshot: MatchingSnapshot; matcher: MutualMatcher }>; usedAt: number }>();
  private readonly clusterSnapshots = new Map<string, { snapshot: MatchingSnapshot; loadedAt: number }>();
  /** Refreshes take turns per cluster; shards take turns to match (see `shard`). */
  private readonly turns = new Turns();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly proposals: ProposalWriter,
    private readonly runs: MatchingRunsService,
    private readonly jobs: JobQueue,
    @InjectConfig() private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  @JobHandler('channel-sharing.match-shard')
  async shard({ runId, shard }: { runId: string; shard: number }): Promise<{ kept: number } | { skipped: string }> {
    const started = Date.now();
    const row = await this.uow.reader.findOneBy(MatchingRunShard, { runId, shard });
    const run = await this.uow.reader.findOneBy(MatchingRun, { id: runId });
    if (!row || !run) return { skipped: 'unknown shard' };
    if (row.status === 'done' || run.status !== 'running') return { skipped: `shard ${row.status}, run ${run.status}` };
    const { snapshot, matcher } = await this.runSnapshot(run);
    const kept: ExplainedPair[] = [];
    const stats = { evaluated: 0 };
    // The two shards a worker runs at once match in turns, not interleaved: interleaved, they
    // finished matching together and then both waited on their writes, the worker's one thread
    // idle (measured at 100k SMEs: ~0.35 s per pair of shards). In turns, one shard's writes run
    // on PostgreSQL while the next one matches.
    await this.turns.run('match-shard', async () => {
      for (let from = 0; from < row.ids.length; from += YIELD_EVERY_CHANNELS) {
        // Matching is synchronous: between slices the other job on this worker gets its database
        // replies, so its writes go on while this one matches.
        if (from > 0) await new Promise((resolve) => setImmediate(resolve));
        const evaluatedBefore = matcher.stats.evaluated;
        for (const id of row.ids.slice(from, from + YIELD_EVERY_CHANNELS)) {
          const channel = snapshot.channels.get(id);
          if (channel) for (const pair of matcher.forChannel(channel)) kept.push(matcher.explain(pair));
        }
        stats.evaluated += matcher.stats.evaluated - evaluatedBefore;
      }
    });
    await this.uow.run(async (em) => {
      await em.query('DELETE FROM match_candidates WHERE run_id = $1 AND shard = $2', [runId, shard]);
      await insertCandidates(em, runId, shard, kept);
      // The shard's pairs become proposals now, not in the finaliser: PostgreSQL writes them while
      // this worker matches its next shard (see QUEUE_WORKERS.matching), and two workers write apart.
      const written = await this.proposals.write(em, run, shard);
      await em.update(MatchingRunShard, { runId, shard }, {
        status: 'done', pairsScored: String(stats.evaluated), pairsKept: kept.length, ...written, millis: Date.now() - started, finishedAt: new Date(),
      });
    });
    return { kept: kept.length };
  }

  @JobHandler('channel-sharing.finalize-run')
  async finalize({ runId }: { runId: string }): Promise<RunCounts | { skipped: string }> {
    let started: MatchingRun | null = null;
    const result = await this.uow.run(async (em) => {
      const run = await em.findOne(MatchingRun, { where: { id: runId }, lock: { mode: 'pessimistic_write' } });
      if (!run || run.status !== 'running') return { skipped: `run ${run?.status ?? 'unknown'}` };
      started = run;
      const [{ pending, created, updated }]: { pending: number; created: number; updated: number }[] = await em.query(
        `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, coalesce(sum(proposals_created), 0)::int AS created,
                coalesce(sum(proposals_updated), 0)::int AS updated
         FROM matching_run_shards WHERE run_id = $1`,
        [runId],
      );
      if (pending > 0) throw new Error(`run ${runId} has ${pending} unfinished shards`);
      return this.proposals.close(em, run, { proposalsCreated: created, proposalsUpdated: updated });
    });
    this.runSnapshots.delete(runId);
    this.logger.log({ runId, ...result }, 'matching run finalised');
    const run = started as MatchingRun | null;
    if (run && 'pairsKept' in result) {
      this.metrics.matchingRunDuration.observe({ kind: 'full', trigger: run.trigger }, (Date.now() - run.createdAt.getTime()) / 1000);
    }
    if ('pairsKept' in result) await this.tidyAfterRun(result);
    return result;
  }

  /**
   * After a large rebuild has committed: it changed these tables by tens of thousands of rows at
   * once, and until autovacuum comes by (up to a minute) the next refreshes and queue queries would
   * plan against stale statistics. The estimate the run's deleted candidates leave makes each
   * refresh's candidate lookup hash-join all proposals: measured at 10k SMEs, 9 ms per refresh for
   * that statement instead of 0.6 ms. The application's role owns no table, so it asks the
   * owner-run refresh_statistics() (ANALYZE only; the dead rows are left to autovacuum).
   */
  private async tidyAfterRun(counts: RunCounts): Promise<void> {
    const tables = [
      ...(counts.pairsKept > 1_000 ? ['match_candidates'] : []),
      ...(counts.proposalsCreated + counts.proposalsExpired > 1_000 ? ['channel_matches', 'approval_requests'] : []),
    ];
    if (tables.length === 0) return;
    await this.uow.reader.query('SELECT refresh_statistics($1)', [tables])
      .catch((error) => this.logger.warn({ error, tables }, 'statistics refresh failed'));
  }

  /** A member changed its catalogue: refresh its matches once the edits settle (one job per organisation). */
  @OnDomainEvent('channel_sharing.catalogue_changed')
  async scheduleRefresh(payload: DomainEvents['channel_sharing.catalogue_changed']): Promise<void> {
    await this.jobs.add('channel-sharing.refresh-organisation', payload, {
      delayMs: this.config.MATCHING_REFRESH_DEBOUNCE_MS,
      // While the refresh waits, later edits push it back; while it runs, one more follows it.
      deduplication: { id: `refresh-${payload.organisationId}`, reschedule: true, keepLastIfActive: true },
    });
  }

  /**
   * Recomputes one organisation's pairs: the mutual top k of each of its channels (as host) and of
   * each of its products (as guest) become or update proposals; its open proposals that are no longer
   * allowed expire. Proposals that are still allowed but were merely outranked are left to the
   * next full rebuild, so a refresh never withdraws what the exact rebuild proposed.
   */
  @JobHandler('channel-sharing.refresh-organisation')
  async refresh(payload: { organisationId: string; clusterId: string }): Promise<RunCounts & { millis: number }> {
    // The matching queue runs two jobs at a time per worker; a refresh changes its cluster's
    // cached snapshot between awaits, so refreshes of one cluster wait for each other.
    return this.turns.run(`refresh:${payload.clusterId}`, () => this.refreshNow(payload));
  }

  private async refreshNow({ organisationId, clusterId }: { organisationId: string; clusterId: string }): Promise<RunCounts & { millis: number }> {
    const started = performance.now();
    const snapshot = await this.refreshSnapshot(clusterId, organisationId);
    const k = this.config.MATCHING_TOP_K;
    const matcher = snapshot.matcher(k);
    const kept = new Map<string, ExplainedPair>();
    const offer = (pair: ExplainedPair) => {
      const key = `${pair.channelId}|${pair.productId}`;
      if (!kept.has(key)) kept.set(key, pair);
    };
    const channels = snapshot.channelsOf(organisationId);
    const products = snapshot.productsOf(organisationId);
    for (const channel of channels) for (const pair of matcher.forChannel(channel)) offer(matcher.explain(pair));
    for (const product of products) for (const pair of matcher.forProduct(product)) offer(matcher.explain(pair));
    const counts = await this.uow.run(async (em) => {
      const open: { channel_id: string; product_id: string }[] = await em.query(
        `SELECT channel_id, product_id FROM channel_matches
         WHERE status = 'proposed' AND cluster_id = $1 AND (host_organisation_id = $2 OR guest_organisation_id = $2)`,
        [clusterId, organisationId],
      );
      for (const pair of open) {
        const channel = snapshot.channels.get(pair.channel_id);
        const product = snapshot.products.get(pair.product_id);
        if (!channel || !product || snapshot.excluded(channel.id, product.id)) continue;
        const explained = explainPair(channel, product, snapshot.table);
        if (explained) offer(explained);
      }
      const run = await em.save(em.create(MatchingRun, {
        clusterId, organisationId, k, shardsTotal: 0, channels: channels.length, products: products.length, trigger: 'refresh', status: 'running',
      }));
      await insertCandidates(em, run.id, 0, [...kept.values()]);
      return this.proposals.completeRun(em, run);
    });
    const millis = performance.now() - started;
    this.metrics.matchingRunDuration.observe({ kind: 'refresh', trigger: 'refresh' }, millis / 1000);
    return { ...counts, millis: Math.round(millis * 100) / 100 };
  }

  /** Rules weigh every pair of the cluster: a change is applied by one full rebuild once staff pause. */
  @OnDomainEvent('channel_sharing.rules_changed')
  async scheduleRebuild(payload: DomainEvents['channel_sharing.rules_changed']): Promise<void> {
    await this.jobs.add('channel-sharing.rebuild-cluster', payload, {
      delayMs: this.config.MATCHING_RULES_REBUILD_DELAY_MS,
      deduplication: { id: `rebuild-${payload.clusterId}`, reschedule: true, keepLastIfActive: true },
    });
  }

  @JobHandler('channel-sharing.rebuild-cluster')
  async rebuildCluster({ clusterId }: { clusterId: string }): Promise<{ runId: string }> {
    return { runId: (await this.runs.start('rules_changed', clusterId, this.config.MATCHING_TOP_K)).id };
  }

  /** The scheduled full rebuild: one run per cluster that has channels. */
  @JobHandler('channel-sharing.scheduled-runs')
  async scheduledRuns(): Promise<{ started: number }> {
    const clusters: { cluster_id: string }[] = await this.uow.reader.query('SELECT DISTINCT cluster_id FROM channels WHERE active');
    for (const { cluster_id } of clusters) await this.runs.start('schedule', cluster_id, this.config.MATCHING_TOP_K);
    await this.uow.run((em) => CatalogueChanges.prune(em));
    return { started: clusters.length };
  }

  /** The run's snapshot and one matcher for all its shards on this worker (the other side's top k are shared). */
  private runSnapshot(run: MatchingRun): Promise<{ snapshot: MatchingSnapshot; matcher: MutualMatcher }> {
    const now = Date.now();
    for (const [id, entry] of this.runSnapshots) if (now - entry.usedAt > RUN_SNAPSHOT_IDLE_MS) this.runSnapshots.delete(id);
    let entry = this.runSnapshots.get(run.id);
    if (!entry) {
      const started = performance.now();
      const snapshot = MatchingSnapshot.load(this.uow.reader, run.clusterId).then((s) => {
        this.logger.log({ runId: run.id, millis: Math.round(performance.now() - started), rss: process.memoryUsage().rss }, 'matching snapshot loaded');
        return { snapshot: s, matcher: s.matcher(run.k) };
      });
      snapshot.catch(() => this.runSnapshots.delete(run.id));
      entry = { snapshot, usedAt: now };
      this.runSnapshots.set(run.id, entry);
      while (this.runSnapshots.size > 2) this.runSnapshots.delete(this.runSnapshots.keys().next().value as string);
    }
    entry.usedAt = now;
    return entry.snapshot;
  }

  private async refreshSnapshot(clusterId: string, organisationId: string): Promise<MatchingSnapshot> {
    const cached = this.clusterSnapshots.get(clusterId);
    if (cached && Date.now() - cached.loadedAt < REFRESH_SNAPSHOT_MAX_AGE_MS) {
      await cached.snapshot.catchUp(this.uow.reader, [organisationId]);
      return cached.snapshot;
    }
    const snapshot = await MatchingSnapshot.load(this.uow.reader, clusterId);
    this.clusterSnapshots.set(clusterId, { snapshot, loadedAt: Date.now() });
    return snapshot;
  }
}

/** Runs functions one at a time per key, in the order they were asked for (a failure does not stop the next). */
class Turns {
  private readonly last = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const turn = (this.last.get(key) ?? Promise.resolve()).catch(() => undefined).then(fn);
    this.last.set(key, turn);
    try {
      return await turn;
    } finally {
      if (this.last.get(key) === turn) this.last.delete(key);
    }
  }
}

/**
 * Stores kept pairs as candidates. The explanations go as one JSON document, not as a jsonb[]
 * parameter: node-postgres writes an array parameter as a text literal, escaping every quote of
 * every element in JavaScript (~55 ms of the worker's one thread per 2,800 pairs, against ~6 ms
 * for JSON.stringify of the lot).
 */
async function insertCandidates(em: EntityManager, runId: string, shard: number, pairs: ExplainedPair[]): Promise<void> {
  for (let i = 0; i < pairs.length; i += 2_000) {
    const batch = pairs.slice(i, i + 2_000);
    await em.query(
      `INSERT INTO match_candidates (run_id, shard, channel_id, product_id, host_organisation_id, guest_organisation_id, score, factors)
       SELECT $1, $2, c, p, h, g, s, f
       FROM ROWS FROM (unnest($3::uuid[]), unnest($4::uuid[]), unnest($5::uuid[]), unnest($6::uuid[]), unnest($7::real[]),
                       jsonb_array_elements($8::jsonb)) AS t(c, p, h, g, s, f)`,
      [
        runId, shard, batch.map((p) => p.channelId), batch.map((p) => p.productId), batch.map((p) => p.hostOrganisationId),
        batch.map((p) => p.guestOrganisationId), batch.map((p) => p.score), JSON.stringify(batch.map((p) => p.factors)),
      ],
    );
  }
}
