import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, InjectConfig } from '../../../config/app-config';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { JobHandler } from '../../../platform/queue/job-handler.decorator';
import { JobQueue } from '../../../platform/queue/job-queue.service';
import { MatchingRun, MatchingRunShard } from './matching-run.entity';

/** How many times a run's jobs are queued again before the run is failed. */
export const MAX_RUN_REQUEUES = 3;
export const RUN_JOBS_LOST = 'The run\'s jobs were lost and could not be queued again; proposals it already wrote stay. Start a new run.';

/**
 * PostgreSQL is the record of every full run and of which shards are done; Redis only carries
 * the jobs. A run still running whose finaliser job is gone from the queue (Redis restarted
 * empty, or a flush) gets its pending shards and its finaliser queued again with the same job ids;
 * shards are idempotent (a shard replaces its candidates and proposals are keyed by pair), so a
 * shard that ran twice changes nothing. After MAX_RUN_REQUEUES the run is failed with a sentence.
 */
@Injectable()
export class RunReconcilerJobs {
  private readonly logger = new Logger('RunReconciler');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly jobs: JobQueue,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @JobHandler('channel-sharing.reconcile-runs')
  async reconcile(): Promise<{ requeued: number; failed: number }> {
    // Runs younger than one interval may still be having their jobs added by the API.
    const runs: { id: string; requeues: number }[] = await this.uow.reader.query(
      `SELECT id, requeues FROM matching_runs
       WHERE status = 'running' AND organisation_id IS NULL AND created_at < now() - $1 * interval '1 millisecond'`,
      [this.config.RECONCILE_INTERVAL_MS],
    );
    let requeued = 0;
    let failed = 0;
    for (const run of runs) {
      if (await this.jobs.exists('channel-sharing.finalize-run', `finalize-${run.id}`)) continue;
      if (run.requeues >= MAX_RUN_REQUEUES) {
        const result = await this.uow.reader.update(MatchingRun, { id: run.id, status: 'running' }, {
          status: 'failed', error: RUN_JOBS_LOST, finishedAt: new Date(),
        });
        if (result.affected) failed++;
        this.logger.warn({ runId: run.id, requeues: run.requeues }, 'matching run failed: its jobs kept disappearing');
        continue;
      }
      // The conditional update lets one reconciler take the run if two ever look at once.
      const taken = await this.uow.reader.update(MatchingRun, { id: run.id, status: 'running', requeues: run.requeues }, { requeues: run.requeues + 1 });
      if (!taken.affected) continue;
      const pending = await this.uow.reader.find(MatchingRunShard, { where: { runId: run.id, status: 'pending' }, select: { shard: true } });
      await this.jobs.addFlow(
        { name: 'channel-sharing.finalize-run', payload: { runId: run.id }, jobId: `finalize-${run.id}` },
        pending.map(({ shard }) => ({ name: 'channel-sharing.match-shard' as const, payload: { runId: run.id, shard }, jobId: `shard-${run.id}-${shard}` })),
      );
      this.logger.warn({ runId: run.id, shards: pending.length }, 'matching run: lost jobs queued again');
      requeued++;
    }
    return { requeued, failed };
  }
}
