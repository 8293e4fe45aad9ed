import { DomainError } from '../../platform/http/domain-error';
import { CodesOf, defineErrors } from '../../platform/http/error-catalogue';

/** Every problem code identity answers with (error-catalogue.ts). */
export const IDENTITY_ERRORS = defineErrors('identity', {
  invalid_credentials: { kind: 'unauthenticated', title: 'The email or password is incorrect.' },
  email_not_verified: { kind: 'forbidden', title: 'The account has not confirmed its email address yet.' },
  invalid_refresh_token: { kind: 'unauthenticated', title: 'The refresh token is invalid or has expired.' },
  refresh_token_reused: { kind: 'unauthenticated', title: 'A rotated refresh token was reused; every session of its family is signed out.' },
  invalid_email_token: { kind: 'invalid', title: 'The emailed token is invalid, already used or expired.' },
  wrong_current_password: { kind: 'invalid', title: 'The current password is incorrect.' },
});

declare module '../../platform/http/error-catalogue' {
  interface ErrorCodes extends CodesOf<typeof IDENTITY_ERRORS> {}
}

export class InvalidCredentialsError extends DomainError {
  constructor() {
    // One message for an unknown email and a wrong password, so sign-in reveals no accounts.
    super('unauthenticated', 'identity.invalid_credentials', 'The email or password is incorrect.');
  }
}

export class EmailNotVerifiedError extends DomainError {
  constructor() {
    super('forbidden', 'identity.email_not_verified', 'Confirm your email address first; we sent you a link.');
  }
}

export class InvalidRefreshTokenError extends DomainError {
  constructor() {
    super('unauthenticated', 'identity.invalid_refresh_token', 'The refresh token is invalid or has expired.');
  }
}

export class RefreshTokenReusedError extends DomainError {
  constructor() {
    super(
      'unauthenticated',
      'identity.refresh_token_reused',
      'This refresh token was already used; every session of its family is now signed out.',
    );
  }
}

export class InvalidEmailTokenError extends DomainError {
  constructor() {
    super('invalid', 'identity.invalid_email_token', 'The link is invalid, already used or expired.');
  }
}

export class WrongCurrentPasswordError extends DomainError {
  constructor() {
    super('invalid', 'identity.wrong_current_password', 'The current password is incorrect.', {}, [
      { field: 'currentPassword', messages: ['currentPassword is incorrect'] },
    ]);
  }
}
