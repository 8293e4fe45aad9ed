import { DomainError, NotFoundError } from '../../platform/http/domain-error';

export class ErasurePasswordError extends DomainError {
  constructor() {
    super('forbidden', 'privacy.wrong_password', 'The password is incorrect; your data was not erased.', {}, [
      { field: 'password', messages: ['password is incorrect'] },
    ]);
  }
}

export class PersonNotFoundError extends NotFoundError {
  constructor() {
    super('The person', 'privacy.person_not_found');
  }
}

/** Unknown, someone else's, or expired: the same answer, so ids reveal nothing. */
export class ExportNotFoundError extends NotFoundError {
  constructor() {
    super('The export', 'privacy.export_not_found');
  }
}
