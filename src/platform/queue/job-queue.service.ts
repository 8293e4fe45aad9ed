import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getFlowProducerToken, getQueueToken } from '@nestjs/bullmq';
import type { FlowProducer, JobsOptions, Queue } from 'bullmq';

export const FLOW_PRODUCER = 'flows';
import { JOB_CATALOG, JobName, JobPayloads } from './job-catalog';

export interface EnqueueOptions {
  /** Deduplicates: a job with an id that is still known to the queue is not added twice. */
  jobId?: string;
  delayMs?: number;
  /** BullMQ deduplication (debounce): one job per id while it waits. */
  deduplication?: JobsOptions['deduplication'];
}

/** Adds catalogued jobs with their declared retry policy. Available in the API and the worker. */
@Injectable()
export class JobQueue {
  constructor(private readonly moduleRef: ModuleRef) {}

  async add<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    await this.queueOf(name).add(name, payload, this.optionsFor(name, options));
  }

  /** Adds many jobs in one round trip per queue (the outbox relay's batches). */
  async addBulk(jobs: { name: JobName; payload: unknown; jobId: string }[]): Promise<void> {
    const byQueue = new Map<Queue, { name: string; data: unknown; opts: JobsOptions }[]>();
    for (const job of jobs) {
      const queue = this.queueOf(job.name);
      const list = byQueue.get(queue) ?? [];
      list.push({ name: job.name, data: job.payload, opts: this.optionsFor(job.name, { jobId: job.jobId }) });
      byQueue.set(queue, list);
    }
    for (const [queue, list] of byQueue) await queue.addBulk(list);
  }

  /**
   * A parent job that runs once every child has completed (a BullMQ flow): shards of a run as
   * children, its finalisation as the parent. Children that fail keep the parent waiting.
   */
  async addFlow<P extends JobName, C extends JobName>(
    parent: { name: P; payload: JobPayloads[P]; jobId: string },
    children: { name: C; payload: JobPayloads[C]; jobId: string }[],
  ): Promise<void> {
    const flows = this.moduleRef.get<FlowProducer>(getFlowProducerToken(FLOW_PRODUCER), { strict: false });
    await flows.add({
      name: parent.name,
      queueName: JOB_CATALOG[parent.name].queue,
      data: parent.payload,
      opts: this.optionsFor(parent.name, { jobId: parent.jobId }),
      children: children.map((child) => ({
        name: child.name,
        queueName: JOB_CATALOG[child.name].queue,
        data: child.payload,
        opts: this.optionsFor(child.name, { jobId: child.jobId }),
      })),
    });
  }

  /** Whether the queue still holds a job with this id (in any state). */
  async exists(name: JobName, jobId: string): Promise<boolean> {
    return (await this.queueOf(name).getJob(jobId)) != null;
  }

  private queueOf(name: JobName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(JOB_CATALOG[name].queue), { strict: false });
  }

  private optionsFor(name: JobName, options: EnqueueOptions): JobsOptions {
    const spec = JOB_CATALOG[name];
    return {
      attempts: spec.attempts,
      backoff: { type: 'exponential', delay: spec.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
      ...(options.jobId ? { jobId: options.jobId } : {}),
      ...(options.delayMs ? { delay: options.delayMs } : {}),
      ...(options.deduplication ? { deduplication: options.deduplication } : {}),
    };
  }
}
