import './common.errors';
import type { CodeOfKind, ErrorCode } from './error-catalogue';

/**
 * What went wrong, in domain terms. The HTTP layer maps each kind to a status; domain code never
 * throws HTTP exceptions.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable';

export interface FieldError {
  field: string;
  messages: string[];
}

/** A kind and a code declared with that kind (error-catalogue.ts), then the message and the rest. */
type DomainErrorArgs = {
  [K in ErrorKind]: [kind: K, code: CodeOfKind<K>, message: string, extensions?: Record<string, unknown>, fieldErrors?: FieldError[]];
}[ErrorKind];

/**
 * Base of every coded error. `code` is stable, documented and declared in its module's catalogue
 * (`<module>.<what>`, error-catalogue.ts) with this kind: anything else does not compile.
 * `extensions` become extra members of the problem+json body (e.g. `currentState` on a 409).
 */
export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly code: ErrorCode;
  readonly extensions: Record<string, unknown>;
  readonly fieldErrors: FieldError[];

  constructor(...[kind, code, message, extensions = {}, fieldErrors = []]: DomainErrorArgs) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.extensions = extensions;
    this.fieldErrors = fieldErrors;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, code: CodeOfKind<'not_found'> = 'common.not_found') {
    super('not_found', code, `${what} was not found.`);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(fieldErrors: FieldError[], message = 'The request has invalid fields.') {
    super('invalid', 'common.validation_failed', message, {}, fieldErrors);
  }
}

/** A transition the record's current state does not allow. Answered 409 with the state. */
export class InvalidTransitionError extends DomainError {
  constructor(subject: string, currentState: string, event: string) {
    super('conflict', 'common.invalid_transition', `${subject} is ${currentState}; it cannot ${event}.`, {
      currentState,
    });
  }
}
