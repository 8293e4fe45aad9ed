import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { JobsOptions, Queue } from 'bullmq';
import { JOB_CATALOG, JobName, JobPayloads } from './job-catalog';

export interface EnqueueOptions {
  /** Deduplicates: a job with an id that is still known to the queue is not added twice. */
  jobId?: string;
  delayMs?: number;
}

/** Adds catalogued jobs with their declared retry policy. Available in the API and the worker. */
@Injectable()
export class JobQueue {
  constructor(private readonly moduleRef: ModuleRef) {}

  async add<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    const spec = JOB_CATALOG[name];
    const queue = this.moduleRef.get<Queue>(getQueueToken(spec.queue), { strict: false });
    const jobOptions: JobsOptions = {
      attempts: spec.attempts,
      backoff: { type: 'exponential', delay: spec.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
      ...(options.jobId ? { jobId: options.jobId } : {}),
      ...(options.delayMs ? { delay: options.delayMs } : {}),
    };
    await queue.add(name, payload, jobOptions);
  }
}
