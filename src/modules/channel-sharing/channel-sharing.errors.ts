import { DomainError, NotFoundError } from '../../platform/http/domain-error';

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
