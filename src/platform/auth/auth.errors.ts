import { DomainError } from '../http/domain-error';

export class UnauthenticatedError extends DomainError {
  constructor(message = 'A valid access token is required.', code = 'auth.unauthenticated') {
    super('unauthenticated', code, message);
  }
}

export class ForbiddenRoleError extends DomainError {
  constructor() {
    super('forbidden', 'auth.role_required', 'Your role does not allow this action.');
  }
}
