import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { QUEUE_NAMES } from './job-catalog';
import { JobDispatcher } from './job-dispatcher';
import { FLOW_PRODUCER, JobQueue } from './job-queue.service';
import { JobSchedulerService } from './job-scheduler.service';
import { QueueDepthProbe } from './queue-depth.probe';
import { processorFor } from './queue-processor.factory';

function core(): DynamicModule['imports'] {
  return [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        prefix: config.QUEUE_PREFIX,
        // Workers block on Redis; BullMQ requires unlimited retries per request for them.
        connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
      }),
    }),
    BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
    BullModule.registerFlowProducer({ name: FLOW_PRODUCER }),
  ];
}

/**
 * Queues for producers (API) or producers plus processors (worker). Processors are registered
 * only by `forWorker`, so the API process never consumes jobs.
 */
@Global()
@Module({})
export class QueueModule {
  static forApi(): DynamicModule {
    return { module: QueueModule, imports: core(), providers: [JobQueue], exports: [JobQueue, BullModule] };
  }

  static forWorker(): DynamicModule {
    return {
      module: QueueModule,
      imports: [...(core() ?? []), DiscoveryModule],
      providers: [JobQueue, JobDispatcher, JobSchedulerService, QueueDepthProbe, ...QUEUE_NAMES.map(processorFor)],
      exports: [JobQueue, JobDispatcher, BullModule],
    };
  }
}
