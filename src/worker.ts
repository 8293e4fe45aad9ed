import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { NestFactory } from '@nestjs/core';
import { configOrExit, exitAfterGrace } from './bootstrap';
import { createRootLogger, PinoNestLogger } from './platform/logging/logger';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = configOrExit();
  // Before anything large is allocated. A worker holds a cluster's matching snapshot (~0.2 GB at
  // 100k SMEs); with V8's default growth its heap reached ~2x what it held (docs/adr/0005).
  if (config.WORKER_HEAP_GROWTH_PERCENT > 0) setFlagsFromString(`--heap-growing-percent=${config.WORKER_HEAP_GROWTH_PERCENT}`);
  const logger = createRootLogger(config.LOG_LEVEL, 'worker', undefined, config.LOG_FORMAT);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), {
    logger: new PinoNestLogger(logger),
  });
  // On SIGTERM BullMQ workers stop taking jobs and wait for the ones in flight, then pools close.
  app.enableShutdownHooks();
  exitAfterGrace(config.SHUTDOWN_GRACE_SECONDS);
  await app.init();
  logger.info('worker ready');
}

void main();
