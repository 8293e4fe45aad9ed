import { Type } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUE_WORKERS, QueueName } from './job-catalog';
import { Metrics } from '../metrics/metrics';
import { JobDispatcher } from './job-dispatcher';

/** One BullMQ worker per queue, each handing jobs to the dispatcher by job name and timing each run. */
export function processorFor(queue: QueueName): Type<WorkerHost> {
  @Processor(queue, QUEUE_WORKERS[queue])
  class QueueProcessor extends WorkerHost {
    constructor(
      private readonly dispatcher: JobDispatcher,
      private readonly metrics: Metrics,
    ) {
      super();
    }

    async process(job: Job): Promise<unknown> {
      const done = this.metrics.jobDuration.startTimer({ queue, job: job.name });
      try {
        const result = await this.dispatcher.dispatch(job);
        done({ outcome: 'completed' });
        return result;
      } catch (error) {
        done({ outcome: 'failed' });
        throw error;
      }
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue}QueueProcessor` });
  return QueueProcessor;
}
