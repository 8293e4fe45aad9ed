import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { JOB_CATALOG, JobName } from './job-catalog';

/**
 * Registers the catalogue's repeating jobs as BullMQ job schedulers. Upserting is idempotent, so
 * any number of worker processes can do it at boot and each run still happens once.
 */
@Injectable()
export class JobSchedulerService implements OnApplicationBootstrap {
  private readonly logger = new Logger('JobScheduler');

  constructor(private readonly moduleRef: ModuleRef) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const [name, spec] of Object.entries(JOB_CATALOG) as [JobName, (typeof JOB_CATALOG)[JobName]][]) {
      if (!spec.everyMs) continue;
      const queue = this.moduleRef.get<Queue>(getQueueToken(spec.queue), { strict: false });
      await queue.upsertJobScheduler(name, { every: spec.everyMs }, {
        name,
        data: {},
        opts: { attempts: spec.attempts, backoff: { type: 'exponential', delay: spec.backoffMs } },
      });
      this.logger.log(`scheduled ${name} every ${spec.everyMs} ms`);
    }
  }
}
