import { DomainError } from '../http/domain-error';
import { CodeOfKind, CodesOf, defineErrors } from '../http/error-catalogue';

/** The auth guard's problem codes (error-catalogue.ts); listed on every operation they can answer. */
export const AUTH_ERRORS = defineErrors('auth', {
  unauthenticated: { kind: 'unauthenticated', title: 'No access token was sent.', listedOn: 'secured' },
  invalid_token: { kind: 'unauthenticated', title: 'The access token is invalid or has expired.', listedOn: 'secured' },
  role_required: { kind: 'forbidden', title: 'Your role does not allow this action.', listedOn: 'roles' },
  // The fallback for a framework 403 with no code of its own; no route answers it today.
  forbidden: { status: 403, title: 'Not allowed.' },
});

declare module '../http/error-catalogue' {
  interface ErrorCodes extends CodesOf<typeof AUTH_ERRORS> {}
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'A valid access token is required.', code: Extract<CodeOfKind<'unauthenticated'>, `auth.${string}`> = 'auth.unauthenticated') {
    super('unauthenticated', code, message);
  }
}

export class ForbiddenRoleError extends DomainError {
  constructor() {
    super('forbidden', 'auth.role_required', 'Your role does not allow this action.');
  }
}
