import { DomainError, NotFoundError } from '../../platform/http/domain-error';

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
