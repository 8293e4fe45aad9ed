import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Fastify, { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { Metrics } from './metrics';
import { registerMetricsRoute, sendProblem } from './metrics-route';

/**
 * The worker has no API; Prometheus scrapes it on a port of its own (WORKER_METRICS_PORT) that
 * serves GET /metrics and nothing else, behind the same bearer token as the API's. Without
 * METRICS_TOKEN no port is opened.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerMetricsServer');
  private server: FastifyInstance | null = null;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.METRICS_TOKEN) return;
    const server = Fastify({ logger: false });
    registerMetricsRoute(server, this.metrics, this.config.METRICS_TOKEN);
    server.setNotFoundHandler((_request, reply) => sendProblem(reply, 404, 'common.not_found', 'This port serves GET /metrics only.'));
    await server.listen({ port: this.config.WORKER_METRICS_PORT, host: this.config.HOST });
    this.server = server;
    const { port } = server.server.address() as AddressInfo;
    this.logger.log({ port }, `worker metrics listening on port ${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
