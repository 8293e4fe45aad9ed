import { DomainError, NotFoundError } from '../../platform/http/domain-error';
import { CodesOf, defineErrors } from '../../platform/http/error-catalogue';

/** Every problem code approvals answers with (error-catalogue.ts). */
export const APPROVALS_ERRORS = defineErrors('approvals', {
  not_found: { kind: 'not_found', title: 'The approval request does not exist, or is not in your cluster.' },
  conflict_of_interest: { kind: 'forbidden', title: 'You are a member of a party organisation; another staff member must decide.' },
  party_cannot_decide: { kind: 'forbidden', title: 'A party to the request, or its requester, cannot decide it.' },
  invalid_assignee: { kind: 'invalid', title: 'The assignee is not staff of the request\'s cluster.' },
});

declare module '../../platform/http/error-catalogue' {
  interface ErrorCodes extends CodesOf<typeof APPROVALS_ERRORS> {}
}

export class ApprovalNotFoundError extends NotFoundError {
  constructor() {
    super('The approval request', 'approvals.not_found');
  }
}

export class ConflictOfInterestError extends DomainError {
  constructor() {
    super('forbidden', 'approvals.conflict_of_interest', 'You are a member of an organisation this request concerns; another staff member must decide.');
  }
}

export class PartyCannotDecideError extends DomainError {
  constructor() {
    super('forbidden', 'approvals.party_cannot_decide', 'A party to a request cannot decide it.');
  }
}

export class InvalidAssigneeError extends DomainError {
  constructor() {
    super('invalid', 'approvals.invalid_assignee', 'The assignee must be staff of the request\'s cluster.', {}, [
      { field: 'assigneeId', messages: ['assigneeId must be a staff member of the request\'s cluster'] },
    ]);
  }
}
