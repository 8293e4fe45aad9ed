import { DomainError, NotFoundError } from '../../platform/http/domain-error';
import { CodesOf, defineErrors } from '../../platform/http/error-catalogue';

/** Every problem code privacy answers with (error-catalogue.ts). */
export const PRIVACY_ERRORS = defineErrors('privacy', {
  wrong_password: { kind: 'forbidden', title: 'The password is incorrect; nothing was erased.' },
  person_not_found: { kind: 'not_found', title: 'The person does not exist, or is not yours to act for.' },
  export_not_found: { kind: 'not_found', title: 'The export is unknown, someone else\'s, or expired.' },
});

declare module '../../platform/http/error-catalogue' {
  interface ErrorCodes extends CodesOf<typeof PRIVACY_ERRORS> {}
}

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
