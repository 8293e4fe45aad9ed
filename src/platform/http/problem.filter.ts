import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import type { ErrorCode } from './error-catalogue';
import { PROBLEM_CONTENT_TYPE, problemBody, ProblemDetails, STATUS_BY_KIND } from './problem';

// Every code here is declared (common.errors.ts, auth.errors.ts): ErrorCode admits nothing else.
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'common.bad_request',
  401: 'auth.unauthenticated',
  403: 'auth.forbidden',
  404: 'common.not_found',
  405: 'common.method_not_allowed',
  409: 'common.conflict',
  413: 'common.payload_too_large',
  414: 'common.uri_too_long',
  415: 'common.unsupported_media_type',
  429: 'common.rate_limited',
  431: 'common.headers_too_large',
  503: 'common.unavailable',
};

// Fastify's refusals before a handler runs, by their error code (Nest wraps them as the cause of
// an HttpException).
const CODE_BY_FASTIFY_CODE: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'common.malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'common.malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'common.payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'common.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'common.bad_request',
};

function codeOfFramework(error: unknown, status: number): ErrorCode | undefined {
  const fastifyCode = (error as { code?: unknown })?.code;
  if (typeof fastifyCode === 'string' && CODE_BY_FASTIFY_CODE[fastifyCode]) return CODE_BY_FASTIFY_CODE[fastifyCode];
  if (error instanceof SyntaxError && status === 400) return 'common.malformed_json';
  return undefined;
}

/**
 * Maps every error, ours or the framework's, to one RFC 9457 problem+json body. Unknown errors
 * become a 500 whose detail reveals nothing; the log keeps the stack with the request id.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error);
    problem.instance = request.url;
    problem.requestId = String(request.id);
    if (problem.status >= 500) {
      this.logger.error({ err: error, requestId: request.id }, 'unhandled error');
    }
    // A rate-limit refusal that knows when the limit lifts says so in the standard header too.
    if (problem.status === 429 && typeof problem.retryAfterSeconds === 'number') void reply.header('retry-after', String(problem.retryAfterSeconds));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof DomainError) {
    const status = STATUS_BY_KIND[error.kind];
    return {
      ...error.extensions,
      ...problemBody(status, error.code, error.message),
      ...(error.fieldErrors.length > 0 ? { errors: error.fieldErrors } : {}),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code =
      codeOfFramework(error.cause, status) ?? CODE_BY_STATUS[status] ?? (status >= 500 ? 'common.internal' : 'common.request_error');
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : Array.isArray((response as { message?: unknown }).message)
          ? ((response as { message: string[] }).message.join('; '))
          : String((response as { message?: unknown }).message ?? error.message);
    // Terminus answers a failed health check with per-dependency details; keep them.
    const details = typeof response === 'object' ? (response as { details?: unknown }).details : undefined;
    return { ...problemBody(status, code, message), ...(details ? { checks: details } : {}) };
  }
  const fastifyStatus = (error as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    // Errors Fastify raises before a handler runs: malformed JSON, wrong content type, body too large.
    const code = codeOfFramework(error, fastifyStatus) ?? CODE_BY_STATUS[fastifyStatus] ?? 'common.request_error';
    return problemBody(fastifyStatus, code, (error as Error).message);
  }
  if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') {
    return problemBody(409, 'common.duplicate', 'A record with the same unique values already exists.');
  }
  // Deadlock or serialization failure: two requests changed the same rows at once and PostgreSQL
  // rolled this one back whole. Nothing was written; the same request may simply be sent again.
  if (error instanceof QueryFailedError && ['40P01', '40001'].includes((error as { code?: string }).code ?? '')) {
    return problemBody(409, 'common.concurrent_change', 'Another request changed the same records at the same moment; nothing was saved. Try again.');
  }
  return problemBody(500, 'common.internal', 'Something went wrong on our side. Quote the request id if you contact support.');
}
