import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configOrExit, exitAfterGrace } from './bootstrap';
import { createRootLogger, PinoNestLogger } from './platform/logging/logger';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createRootLogger(config.LOG_LEVEL, 'worker');
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
