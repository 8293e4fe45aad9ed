import { DomainError, NotFoundError } from '../../platform/http/domain-error';

export class MatchingRunNotFoundError extends NotFoundError {
  constructor() {
    super('The matching run', 'channel_sharing.run_not_found');
  }
}

export class MatchNotFoundError extends NotFoundError {
  constructor() {
    super('The channel match', 'channel_sharing.match_not_found');
  }
}

export class NotAPartyError extends DomainError {
  constructor() {
    super('forbidden', 'channel_sharing.not_a_party', 'Only the host or the guest organisation answers a match.');
  }
}
