import { DomainError, NotFoundError } from '../../platform/http/domain-error';
import { CodesOf, defineErrors } from '../../platform/http/error-catalogue';

/** Every problem code notifications answers with (error-catalogue.ts). */
export const NOTIFICATIONS_ERRORS = defineErrors('notifications', {
  not_found: { kind: 'not_found', title: 'The notification does not exist, or is not yours to see.' },
  not_failed: { kind: 'conflict', title: 'Only a failed delivery can be resent; `currentState` tells its state.' },
  always_immediate: { kind: 'invalid', title: 'This category is always mailed at once; it cannot be digested or turned off.' },
});

declare module '../../platform/http/error-catalogue' {
  interface ErrorCodes extends CodesOf<typeof NOTIFICATIONS_ERRORS> {}
}

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
