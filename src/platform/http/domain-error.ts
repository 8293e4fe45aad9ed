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

/**
 * Base of every coded error. `code` is stable and documented (`<module>.<what>`); `extensions`
 * become extra members of the problem+json body (e.g. `currentState` on a 409).
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, code = 'common.not_found') {
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
