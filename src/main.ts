import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configOrExit, exitAfterGrace } from './bootstrap';
import { configureHttpApp, createFastifyAdapter } from './platform/http/http-app';
import { createRootLogger, PinoNestLogger } from './platform/logging/logger';

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createRootLogger(config.LOG_LEVEL, 'api', undefined, config.LOG_FORMAT);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(),
    createFastifyAdapter(logger, config),
    { logger: new PinoNestLogger(logger), bufferLogs: true },
  );
  await configureHttpApp(app, config);
  // Nest closes Fastify (finishing requests in flight), queues and the pool on SIGTERM/SIGINT.
  app.enableShutdownHooks();
  exitAfterGrace(config.SHUTDOWN_GRACE_SECONDS);
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ url: `http://localhost:${config.PORT}/api/v1` }, 'api listening');
}

void main();
