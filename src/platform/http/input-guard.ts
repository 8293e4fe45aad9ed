import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';

/** Longest request target (path and query) served; longer ones are 414 before routing. */
export const MAX_URL_LENGTH = 4096;
/** Deepest nesting of objects and arrays a body or query may have. */
export const MAX_INPUT_DEPTH = 16;

/** A request's text holds what PostgreSQL cannot store (NUL) or is not Unicode (a lone surrogate). */
export class InvalidTextError extends DomainError {
  constructor(field: string) {
    super('invalid', 'common.invalid_text', `${field} holds a NUL character or invalid Unicode.`, {}, [
      { field, messages: [`${field} must not contain NUL characters or unpaired surrogates`] },
    ]);
  }
}

export class TooDeepError extends DomainError {
  constructor(field: string) {
    super('invalid', 'common.too_deep', `The request nests objects or arrays deeper than ${MAX_INPUT_DEPTH} levels.`, {}, [
      { field, messages: [`${field} is nested deeper than ${MAX_INPUT_DEPTH} levels`] },
    ]);
  }
}

export class InvalidBodyError extends DomainError {
  constructor() {
    super('invalid', 'common.invalid_body', 'The request body must be a JSON object.', {}, [
      { field: 'body', messages: ['body must be a JSON object'] },
    ]);
  }
}

/** Thrown from the onRequest hook; the problem filter answers it 414. */
export class UriTooLongError extends Error {
  readonly statusCode = 414;
  constructor() {
    super(`The request target is longer than ${MAX_URL_LENGTH} characters.`);
  }
}

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Walks a parsed body, query or params without recursion and throws for the first string
 * (value or key) PostgreSQL cannot store, or a nesting deeper than MAX_INPUT_DEPTH. Fields are
 * named by dotted path as validation errors name them (`members.0.role`).
 */
export function checkInput(root: unknown): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (BAD_TEXT.test(value)) throw new InvalidTextError(path || 'body');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) throw new TooDeepError(path || 'body');
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (BAD_TEXT.test(key)) throw new InvalidTextError(childPath);
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
}

function hasBody(request: FastifyRequest): boolean {
  return request.body !== undefined && !(request.body === null && request.headers['content-type'] === undefined);
}

/**
 * Stops hostile input before any guard, pipe or query sees it: over-long URLs (414), bodies that
 * are not objects, text PostgreSQL cannot store and over-deep nesting (400). Global Fastify hooks,
 * so every route, present and future, gets them.
 */
export function installInputChecks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    if (request.url.length > MAX_URL_LENGTH) throw new UriTooLongError();
  });
  fastify.addHook('preValidation', async (request) => {
    if (hasBody(request)) {
      const body = request.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InvalidBodyError();
      checkInput(body);
    }
    checkInput(request.query);
    checkInput(request.params);
  });
}
