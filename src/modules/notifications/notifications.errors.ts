import { DomainError, NotFoundError } from '../../platform/http/domain-error';

export class NotificationNotFoundError extends NotFoundError {
  constructor() {
    super('The notification', 'notifications.not_found');
  }
}

export class NotResendableError extends DomainError {
  constructor(currentState: string) {
    super('conflict', 'notifications.not_failed', `Only a failed delivery can be resent; this one is ${currentState}.`, {
      currentState,
    });
  }
}

export class CategoryAlwaysImmediateError extends DomainError {
  constructor(category: string) {
    super('invalid', 'notifications.always_immediate', `${category} notifications are always sent at once.`, {}, [
      { field: 'mode', messages: [`${category} notifications cannot be digested or turned off`] },
    ]);
  }
}
