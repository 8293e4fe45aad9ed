import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Metrics } from '../metrics/metrics';
import { QUEUE_NAMES } from './job-catalog';

/** Every state a job can be in, as BullMQ counts them. */
const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

/** Worker: lets each scrape read every queue's job counts per state from Redis. */
@Injectable()
export class QueueDepthProbe implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const queues = QUEUE_NAMES.map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    this.metrics.probeQueues(async () => {
      const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...STATES)));
      return Object.fromEntries(QUEUE_NAMES.map((name, i) => [name, counts[i]]));
    });
  }
}
