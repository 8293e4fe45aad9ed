import { DomainError, NotFoundError } from '../../platform/http/domain-error';
import { CodesOf, defineErrors } from '../../platform/http/error-catalogue';

/**
 * Every problem code channel sharing answers with (error-catalogue.ts), its sub-folders' too:
 * the classes live beside the code that throws them (runs/matching.errors.ts, for instance).
 */
export const CHANNEL_SHARING_ERRORS = defineErrors('channel_sharing', {
  product_not_found: { kind: 'not_found', title: 'The product does not exist, or you may not see it.' },
  channel_not_found: { kind: 'not_found', title: 'The channel does not exist, or you may not see it.' },
  rule_not_found: { kind: 'not_found', title: 'The complementarity rule does not exist, or is not your cluster\'s.' },
  run_not_found: { kind: 'not_found', title: 'The matching run does not exist, or is not your cluster\'s.' },
  match_not_found: { kind: 'not_found', title: 'The channel match does not exist, or is not visible to you yet.' },
  not_your_catalogue: { kind: 'forbidden', title: 'Only members of the organisation edit its products and channels.' },
  not_a_party: { kind: 'forbidden', title: 'Only the host or the guest organisation answers a match.' },
  only_host_agrees: { kind: 'forbidden', title: 'Only the host organisation, whose channel it is, records the agreement.' },
  no_learned_weight: { kind: 'conflict', title: 'The rule has no learned weight yet: no proposal it rests on was decided.' },
  rule_exists: { kind: 'conflict', title: 'A rule for these two categories exists; change its weight instead.' },
  run_in_flight: { kind: 'conflict', title: 'A full run of the cluster is queued or running; `runId` names it.' },
  capacity_below_used: { kind: 'invalid', title: 'Capacity cannot go below what is already allotted.' },
  run_rate_limited: { kind: 'rate_limited', title: 'Staff started the most full runs a cluster may have per hour; see Retry-After.' },
  queue_unavailable: { kind: 'unavailable', title: 'The job queue could not be reached; the run was not started.' },
});

declare module '../../platform/http/error-catalogue' {
  interface ErrorCodes extends CodesOf<typeof CHANNEL_SHARING_ERRORS> {}
}

export class ProductNotFoundError extends NotFoundError {
  constructor() {
    super('The product', 'channel_sharing.product_not_found');
  }
}

export class ChannelNotFoundError extends NotFoundError {
  constructor() {
    super('The channel', 'channel_sharing.channel_not_found');
  }
}

export class RuleNotFoundError extends NotFoundError {
  constructor() {
    super('The complementarity rule', 'channel_sharing.rule_not_found');
  }
}

export class NotCatalogueEditorError extends DomainError {
  constructor() {
    super('forbidden', 'channel_sharing.not_your_catalogue', 'Only members of the organisation edit its products and channels.');
  }
}

export class NoLearnedWeightError extends DomainError {
  constructor() {
    super('conflict', 'channel_sharing.no_learned_weight', 'This rule has no learned weight yet: staff have decided none of the proposals it rests on.', {
      learnedWeight: null,
    });
  }
}

export class RuleExistsError extends DomainError {
  constructor() {
    super('conflict', 'channel_sharing.rule_exists', 'A rule for these two categories exists; change its weight instead.');
  }
}

export class CapacityBelowUsedError extends DomainError {
  constructor(used: number) {
    super('invalid', 'channel_sharing.capacity_below_used', `Capacity cannot go below the ${used} already allotted.`, {}, [
      { field: 'capacity', messages: [`capacity must be at least the used capacity (${used})`] },
    ]);
  }
}
