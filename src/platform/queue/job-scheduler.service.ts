import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { JOB_CATALOG, JobName } from './job-catalog';

/**
 * Registers the catalogue's repeating jobs as BullMQ job schedulers. Upserting is idempotent, so
 * any number of worker processes can do it at boot and each run still happens once.
 */
@Injectable()
export class JobSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobScheduler');

  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.upsertAll(true);
    // Redis holds the schedulers; if it restarts empty they are put back within one reconcile
    // interval (at most five minutes), so the reconciler itself comes back with them.
    const every = Math.min(5 * 60 * 1000, this.config.RECONCILE_INTERVAL_MS);
    this.timer = setInterval(() => void this.upsertAll(false).catch(() => undefined), every);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async upsertAll(announce: boolean): Promise<void> {
    for (const [name, spec] of Object.entries(JOB_CATALOG) as [JobName, (typeof JOB_CATALOG)[JobName]][]) {
      if (!spec.repeat) continue;
      const queue = this.moduleRef.get<Queue>(getQueueToken(spec.queue), { strict: false });
      const repeat = 'everyMs' in spec.repeat
        ? { every: typeof spec.repeat.everyMs === 'function' ? spec.repeat.everyMs(this.config) : spec.repeat.everyMs }
        : { pattern: spec.repeat.cron(this.config), tz: 'UTC' };
      await queue.upsertJobScheduler(name, repeat, {
        name,
        data: {},
        opts: { attempts: spec.attempts, backoff: { type: 'exponential', delay: spec.backoffMs } },
      });
      if (announce) this.logger.log(`scheduled ${name} (${JSON.stringify(repeat)})`);
    }
  }
}
