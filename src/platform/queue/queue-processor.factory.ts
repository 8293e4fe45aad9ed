import { Type } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUE_WORKERS, QueueName } from './job-catalog';
import { JobDispatcher } from './job-dispatcher';

/** One BullMQ worker per queue, each handing jobs to the dispatcher by job name. */
export function processorFor(queue: QueueName): Type<WorkerHost> {
  @Processor(queue, QUEUE_WORKERS[queue])
  class QueueProcessor extends WorkerHost {
    constructor(private readonly dispatcher: JobDispatcher) {
      super();
    }

    process(job: Job): Promise<unknown> {
      return this.dispatcher.dispatch(job);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue}QueueProcessor` });
  return QueueProcessor;
}
