import { InvalidTransitionError } from '../http/domain-error';

/**
 * A lifecycle as a table: for each state, the events it accepts and the state each leads to, with
 * an optional guard that must hold for the context. Services ask the machine; they never compare
 * status strings by hand.
 */
export interface Transition<S extends string, C> {
  to: S;
  /** Returns a reason when the transition is not allowed for this context, or null when it is. */
  guard?: (context: C) => string | null;
}

export type TransitionTable<S extends string, E extends string, C> = {
  [state in S]: Partial<Record<E, Transition<S, C>>>;
};

export class GuardRejectedError extends InvalidTransitionError {}

export class StateMachine<S extends string, E extends string, C = void> {
  constructor(
    readonly subject: string,
    private readonly table: TransitionTable<S, E, C>,
  ) {}

  /** The events that `state` accepts, guards not considered. */
  events(state: S): E[] {
    return Object.keys(this.table[state]) as E[];
  }

  isFinal(state: S): boolean {
    return this.events(state).length === 0;
  }

  can(state: S, event: E, context: C): boolean {
    const transition = this.table[state][event];
    return transition !== undefined && (transition.guard?.(context) ?? null) === null;
  }

  /** The next state, or an InvalidTransitionError (409, with the current state) when not allowed. */
  next(state: S, event: E, context: C): S {
    const transition = this.table[state][event];
    if (!transition) {
      throw new InvalidTransitionError(this.subject, state, event);
    }
    const refusal = transition.guard?.(context) ?? null;
    if (refusal !== null) {
      const error = new GuardRejectedError(this.subject, state, event);
      error.message = `${this.subject} is ${state}; it cannot ${event}: ${refusal}.`;
      throw error;
    }
    return transition.to;
  }
}
