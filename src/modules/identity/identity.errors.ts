import { DomainError } from '../../platform/http/domain-error';

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
