import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorCode } from '../http/error-catalogue';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../http/problem';
import type { Metrics } from './metrics';

export const METRICS_PATH = '/metrics';

/** Answers a refusal as problem+json on a raw Fastify route (Nest's exception filter is not in its path). */
export function sendProblem(reply: FastifyReply, status: number, code: ErrorCode, detail: string): FastifyReply {
  return reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problemBody(status, code, detail), requestId: String(reply.request.id) });
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether an Authorization header carries `Bearer <token>`. Compared as SHA-256 digests with
 * timingSafeEqual, so neither the token's length nor its prefix leaks through response times.
 */
export function bearerMatches(header: string | undefined, token: string): 'ok' | 'missing' | 'wrong' {
  const [scheme, given] = (header ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !given) return 'missing';
  return timingSafeEqual(digest(given), digest(token)) ? 'ok' : 'wrong';
}

/**
 * GET /metrics in the Prometheus text format, for the holder of METRICS_TOKEN only (docs/adr/0017).
 * Registered straight on Fastify, outside Nest's router and the OpenAPI document: it is an
 * operator's endpoint, not part of the API. With no token configured nothing is registered, so
 * the path answers 404 like any unknown one.
 */
export function registerMetricsRoute(fastify: FastifyInstance, metrics: Metrics, token: string): void {
  if (!token) return;
  fastify.get(METRICS_PATH, async (request, reply) => {
    const auth = bearerMatches(request.headers.authorization, token);
    if (auth !== 'ok') {
      void reply.header('www-authenticate', `Bearer realm="metrics"${auth === 'wrong' ? ', error="invalid_token"' : ''}`);
      return auth === 'missing'
        ? sendProblem(reply, 401, 'auth.unauthenticated', 'GET /metrics needs the metrics bearer token (METRICS_TOKEN).')
        : sendProblem(reply, 401, 'auth.invalid_token', 'The metrics bearer token is wrong.');
    }
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  });
}

/**
 * Observes every response of the server in the latency histogram, labelled by the route pattern
 * Fastify matched (`/api/v1/organisations/:id`), so ids never multiply the series; a request no
 * route matched counts under `(unmatched)`.
 */
export function observeHttpDurations(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions?.url ?? '(unmatched)', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
