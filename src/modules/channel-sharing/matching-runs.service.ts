import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { Actor, hasRole } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError, ValidationFailedError } from '../../platform/http/domain-error';
import { PageQuery, Page, paginate } from '../../platform/http/pagination';
import { JobQueue } from '../../platform/queue/job-queue.service';
import { AuditService } from '../audit/audit.service';
import { ClustersService } from '../directory/clusters.service';
import { directoryAccess } from '../directory/directory-access';
import { ClusterNotFoundError } from '../directory/directory.errors';
import { shardSize } from './matching/shard-size';
import { MatchingRunView } from './dto/matching.dto';
import { MatchingRun, MatchingRunShard, RunTrigger } from './matching-run.entity';
import { MatchingRunNotFoundError } from './matching.errors';


function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

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
  constructor(
    private readonly uow: UnitOfWork,
    private readonly jobs: JobQueue,
    private readonly clusters: ClustersService,
    private readonly audit: AuditService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Starts a full rebuild for staff (`by` the actor) or for the worker (`by` what prompted it). */
  async start(by: Actor | Exclude<RunTrigger, 'staff' | 'refresh'>, clusterId: string, k = this.config.MATCHING_TOP_K): Promise<MatchingRunView> {
    const [actor, trigger]: [Actor | null, RunTrigger] = typeof by === 'string' ? [null, by] : [by, 'staff'];
    // Staff of another cluster are told it is not there, as for any of its records.
    if (actor && !directoryAccess.actsForCluster(actor, clusterId)) throw new ClusterNotFoundError();
    if (!Number.isInteger(k) || k < 1 || k > 100) throw new ValidationFailedError([{ field: 'k', messages: ['k must be 1-100'] }]);
    const { run, shards } = await this.uow.run(async (em) => {
      await this.clusters.require(em, clusterId);
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
    });
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
      // No job will ever finish this run: say so instead of leaving it "running".
      await this.uow.reader.update(MatchingRun, { id: run.id, status: 'running' }, {
        status: 'failed', error: `its jobs could not be queued: ${(error as Error).message}`, finishedAt: new Date(),
      });
      throw new QueueUnavailableError();
    }
    return this.get(actor, run.id);
  }

  async get(actor: Actor | null, id: string): Promise<MatchingRunView> {
    const run = await this.uow.reader.findOneBy(MatchingRun, { id });
    if (!run || (actor && !directoryAccess.actsForCluster(actor, run.clusterId))) throw new MatchingRunNotFoundError();
    const shards = await this.uow.reader.find(MatchingRunShard, {
      where: { runId: id },
      select: { shard: true, status: true, pairsScored: true, pairsKept: true, millis: true },
    });
    return this.view(run, shards);
  }

  async list(actor: Actor, query: PageQuery): Promise<Page<MatchingRunView>> {
    const qb = this.uow.reader.createQueryBuilder(MatchingRun, 'r');
    if (!hasRole(actor, 'admin')) qb.andWhere('r.cluster_id = :own', { own: actor.clusterId });
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
