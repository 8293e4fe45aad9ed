import { randomUUID } from 'node:crypto';
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import helmet from 'helmet';
import { LogController } from 'fastify';
import { INestApplication, RequestMethod } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Metrics } from '../metrics/metrics';
import { observeHttpDurations, registerMetricsRoute } from '../metrics/metrics-route';
import { mountQueueDashboard } from '../queue/dashboard/queue-dashboard';
import { buildOpenApiDocument } from './openapi-document';
import { installResponseCheck } from './openapi-response-check';
import type { Logger as Pino } from 'pino';
import type { AppConfig } from '../../config/app-config';
import { installInputChecks, MAX_URL_LENGTH } from './input-guard';
import { PROBLEM_CONTENT_TYPE, problemBody } from './problem';
import type { ErrorCode } from './error-catalogue';
import { ProblemFilter } from './problem.filter';
import { trustProxyOption } from './trusted-proxies';
import { createValidationPipe } from './validation';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers over 16 KiB, a broken
 * request line) still get a problem+json answer.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code]: [number, ErrorCode] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'common.headers_too_large']
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'common.request_timeout']
      : [400, 'common.bad_request'];
  const body = JSON.stringify(problemBody(status, code, status === 431 ? 'The request headers are too large.' : 'The request could not be read.'));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** The Fastify adapter with pino request logs and a request id taken from X-Request-Id or made. */
export function createFastifyAdapter(logger: Pino, config: Pick<AppConfig, 'HTTP_LOGS' | 'TRUSTED_PROXIES'>): FastifyAdapter {
  return new FastifyAdapter({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: !config.HTTP_LOGS }),
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // The router's own limit (100) would answer a long path segment with a bare 414 before any
    // filter; the input guard caps the whole URL, and an over-long id fails its pipe as a 400.
    routerOptions: { maxParamLength: MAX_URL_LENGTH },
    trustProxy: trustProxyOption(config.TRUSTED_PROXIES),
    clientErrorHandler: answerClientError,
  });
}

/**
 * Everything an HTTP app needs beyond its modules: prefix, security headers, CORS, validation,
 * problem+json errors, OpenAPI. Shared by main.ts and the e2e test factory so tests exercise
 * the same surface.
 */
export async function configureHttpApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/live', method: RequestMethod.GET },
    ],
  });
  // Security headers from one helmet middleware built here (the @fastify/helmet plugin built one
  // per request, parsing the CSP directives again: ~3 % of a list request's CPU, measured).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI needs inline styles and scripts of its own.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
      },
    },
  });
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  app.enableCors({ origin: origins.length > 0 ? origins : false, credentials: true });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  installInputChecks(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  if (config.OPENAPI_RESPONSE_CHECK_FILE) installResponseCheck(app, config.APP_URL, config.OPENAPI_RESPONSE_CHECK_FILE);
  // Operators' endpoints, outside the OpenAPI document (docs/adr/0017): Prometheus metrics and
  // the admins' queue dashboard.
  const metrics = app.get(Metrics);
  observeHttpDurations(fastify, metrics);
  registerMetricsRoute(fastify, metrics, config.METRICS_TOKEN);
  await mountQueueDashboard(app);
  // Production keeps its route map to itself unless the operator publishes it (API_DOCS_PUBLIC).
  if (config.API_DOCS_PUBLIC) setupOpenApi(app, config.APP_URL);
}

function setupOpenApi(app: INestApplication, appUrl: string): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app, appUrl), {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
}
