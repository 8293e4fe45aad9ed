import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, IsNull, QueryFailedError } from 'typeorm';
import { AppConfig, InjectConfig } from '../../../config/app-config';
import { scopeToActor, visibleOr404 } from '../../../platform/access/actor-scope';
import { Actor } from '../../../platform/auth/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ValidationFailedError } from '../../../platform/http/domain-error';
import { PageQuery, Page, paginate } from '../../../platform/http/pagination';
import { JobQueue } from '../../../platform/queue/job-queue.service';
import { AuditService } from '../../audit/audit.service';
import { ClustersService } from '../../directory/clusters.service';
import { ClusterNotFoundError } from '../../directory/directory.errors';
import { channelSharingAccess } from '../channel-sharing-access';
import { shardSize } from '../matching/shard-size';
import { MatchingRunView } from './dto/matching.dto';
import { MatchingRun, MatchingRunShard, RunTrigger } from './matching-run.entity';
import { MatchingRunNotFoundError, RunInFlightError, RunRateLimitedError } from './matching.errors';


function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What staff read on a run whose jobs the queue refused; the queue's own message is logged. */
export const RUN_NOT_QUEUED = "The run's jobs could not be queued; nothing was changed. Try again later.";

class QueueUnavailableError extends DomainError {
  constructor() {
    super('unavailable', 'channel_sharing.queue_unavailable', 'The job queue could not be reached, so the run was not started (it is marked failed). Try again shortly.');
  }
}

/**
 * Full rebuilds: a run is split into shards of host channels; a BullMQ flow gives each shard to
 * any worker and finalises the run once every shard is done.
 */
@Injectable()
export class MatchingRunsService {
  private readonly logger = new Logger(MatchingRunsService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly jobs: JobQueue,
    private readonly clusters: ClustersService,
    private readonly audit: AuditService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Starts a full rebuild for staff (`by` the actor) or for the worker (`by` what prompted it).
   * One full run per cluster at a time (a partial unique index decides between concurrent starts):
   * staff asking while one is in flight get 409 naming it; the schedule and rule changes are
   * coalesced into the run in flight, which reads the catalogue and rules when its shards run.
   */
  async start(by: Actor | Exclude<RunTrigger, 'staff' | 'refresh'>, clusterId: string, k = this.config.MATCHING_TOP_K): Promise<MatchingRunView> {
    const [actor, trigger]: [Actor | null, RunTrigger] = typeof by === 'string' ? [null, by] : [by, 'staff'];
    // Staff of another cluster are told it is not there, as for any of its records.
    if (actor && !channelSharingAccess.runsMatching(actor, clusterId)) throw new ClusterNotFoundError();
    if (!Number.isInteger(k) || k < 1 || k > 100) throw new ValidationFailedError([{ field: 'k', messages: ['k must be 1-100'] }]);
    let started: { run: MatchingRun; shards: number };
    try {
      started = await this.uow.run((em) => this.create(em, actor, trigger, clusterId, k));
    } catch (error) {
      if (!(error instanceof QueryFailedError && (error as { code?: string }).code === '23505')) throw error;
      const inFlight = await this.uow.reader.findOneBy(MatchingRun, { clusterId, status: 'running', organisationId: IsNull() });
      if (!inFlight) throw error;
      if (actor) throw new RunInFlightError(inFlight.id, inFlight.status);
      return this.get(null, inFlight.id);
    }
    const { run, shards } = started;
    try {
      await this.jobs.addFlow(
        { name: 'channel-sharing.finalize-run', payload: { runId: run.id }, jobId: `finalize-${run.id}` },
        Array.from({ length: shards }, (_, shard) => ({
          name: 'channel-sharing.match-shard' as const,
          payload: { runId: run.id, shard },
          jobId: `shard-${run.id}-${shard}`,
        })),
      );
    } catch (error) {
      // No job will ever finish this run: say so instead of leaving it "running". Staff read a
      // sentence; the queue's own message goes to the log.
      this.logger.error({ err: error, runId: run.id }, 'matching run: jobs could not be queued');
      await this.uow.reader.update(MatchingRun, { id: run.id, status: 'running' }, {
        status: 'failed', error: RUN_NOT_QUEUED, finishedAt: new Date(),
      });
      throw new QueueUnavailableError();
    }
    return this.get(actor, run.id);
  }

  private async create(em: EntityManager, actor: Actor | null, trigger: RunTrigger, clusterId: string, k: number): Promise<{ run: MatchingRun; shards: number }> {
    await this.clusters.require(em, clusterId);
    if (actor) await this.checkStaffRate(em, clusterId);
    const channelIds: string[] = (await em.query('SELECT id FROM channels WHERE cluster_id = $1 AND active ORDER BY id', [clusterId])).map((r: { id: string }) => r.id);
    const [{ products }]: { products: number }[] = await em.query('SELECT count(*)::int AS products FROM products WHERE cluster_id = $1', [clusterId]);
    // Mutual top k: every kept pair is in some channel's top k, so shards of channels cover them all.
    const slices = chunk(channelIds, shardSize(channelIds.length, this.config.MATCHING_SHARD_CHANNELS)).map((ids) => ({ side: 'channels' as const, ids }));
    const run = await em.save(em.create(MatchingRun, {
      clusterId, k, shardsTotal: slices.length, channels: channelIds.length, products,
      requestedBy: actor?.userId ?? null, trigger, status: 'running',
    }));
    if (slices.length > 0) {
      await em.insert(MatchingRunShard, slices.map((s, shard) => ({ runId: run.id, shard, side: s.side, ids: s.ids })));
    }
    await this.audit.record(em, actor, {
      action: 'matching_run.started', subjectKind: 'matching_run', subjectId: run.id, clusterId, after: { k, shards: slices.length },
    });
    return { run, shards: slices.length };
  }

  /** Staff-started full runs of a cluster in the last hour, counted in the starting transaction. */
  private async checkStaffRate(em: EntityManager, clusterId: string): Promise<void> {
    const limit = this.config.MATCHING_RUNS_PER_HOUR;
    const [{ n, oldest }]: { n: number; oldest: Date | null }[] = await em.query(
      `SELECT count(*)::int AS n, min(created_at) AS oldest FROM matching_runs
       WHERE cluster_id = $1 AND trigger = 'staff' AND created_at > now() - interval '1 hour'`,
      [clusterId],
    );
    if (n < limit) return;
    const retryAfter = oldest ? Math.max(1, Math.ceil((new Date(oldest).getTime() + 3_600_000 - Date.now()) / 1000)) : 3600;
    throw new RunRateLimitedError(limit, retryAfter);
  }

  async get(actor: Actor | null, id: string): Promise<MatchingRunView> {
    const run = visibleOr404(await this.uow.reader.findOneBy(MatchingRun, { id }),
      (r) => !actor || channelSharingAccess.runsMatching(actor, r.clusterId), () => new MatchingRunNotFoundError());
    const shards = await this.uow.reader.find(MatchingRunShard, {
      where: { runId: id },
      select: { shard: true, status: true, pairsScored: true, pairsKept: true, millis: true },
    });
    return this.view(run, shards);
  }

  async list(actor: Actor, query: PageQuery): Promise<Page<MatchingRunView>> {
    const qb = this.uow.reader.createQueryBuilder(MatchingRun, 'r');
    scopeToActor(qb, actor, { cluster: 'r.cluster_id' });
    const page = await paginate(qb, query);
    return { items: page.items.map((r) => this.view(r, null)), nextCursor: page.nextCursor };
  }

  private view(run: MatchingRun, shards: Pick<MatchingRunShard, 'status' | 'pairsScored' | 'pairsKept' | 'millis'>[] | null): MatchingRunView {
    const done = shards?.filter((s) => s.status === 'done') ?? [];
    const finished = run.finishedAt ? run.finishedAt.getTime() - run.createdAt.getTime() : null;
    return {
      id: run.id,
      clusterId: run.clusterId,
      organisationId: run.organisationId,
      trigger: run.trigger,
      requestedBy: run.requestedBy,
      status: run.status,
      k: run.k,
      channels: run.channels,
      products: run.products,
      shardsTotal: run.shardsTotal,
      shardsDone: shards ? done.length : null,
      progressPct: shards ? (run.shardsTotal === 0 ? 100 : Math.floor((done.length / run.shardsTotal) * 100)) : null,
      pairsScored: shards ? done.reduce((sum, s) => sum + Number(s.pairsScored), 0) : null,
      pairsKept: run.pairsKept,
      proposalsCreated: run.proposalsCreated,
      proposalsUpdated: run.proposalsUpdated,
      proposalsExpired: run.proposalsExpired,
      shardMillis: shards ? done.reduce((sum, s) => sum + (s.millis ?? 0), 0) : null,
      elapsedMillis: finished,
      error: run.error,
      createdAt: run.createdAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
    };
  }
}
