import { DynamicModule, Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';
import { WorkerMetricsServer } from './worker-metrics-server';

/**
 * One Metrics registry per process, injectable anywhere (a job, the mail sender, the relay).
 * The API serves it from its own HTTP server (http-app.ts); the worker opens a small one.
 */
@Global()
@Module({})
export class MetricsModule {
  static forApi(): DynamicModule {
    return { module: MetricsModule, providers: [{ provide: Metrics, useFactory: () => new Metrics('api') }], exports: [Metrics] };
  }

  static forWorker(): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: Metrics, useFactory: () => new Metrics('worker') }, WorkerMetricsServer],
      exports: [Metrics],
    };
  }
}
