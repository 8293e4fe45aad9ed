import { DomainError, NotFoundError } from '../../../platform/http/domain-error';

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

/** A cluster has one full run queued or running at a time; the body names it. */
export class RunInFlightError extends DomainError {
  constructor(runId: string, status: string) {
    super('conflict', 'channel_sharing.run_in_flight', `Run ${runId} is still ${status} for this cluster; start another once it has finished.`, {
      runId, currentState: status,
    });
  }
}

export class RunRateLimitedError extends DomainError {
  constructor(limit: number, retryAfterSeconds: number) {
    super('rate_limited', 'channel_sharing.run_rate_limited', `Staff may start ${limit} full runs of a cluster per hour; try again later.`, {
      retryAfterSeconds,
    });
  }
}
