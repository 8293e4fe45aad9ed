import { StateMachine } from '../../../platform/state-machine/state-machine';
import { MatchStatus } from './channel-match.entity';

export type MatchEvent = 'approve' | 'reject' | 'accept' | 'both_accepted' | 'decline' | 'agree' | 'expire';

export interface MatchContext {
  /** The answering party has already accepted. */
  alreadyAccepted?: boolean;
  /** The answer deadline, when it has passed (the expiry job has not run yet). */
  deadlinePassed?: Date | null;
  reason?: string | null;
  /** Spare capacity of the channel and the capacity the agreement allots. */
  spareCapacity?: number;
  capacityAllotted?: number;
}

/**
 * A channel match's lifecycle: staff approve or reject a proposal; host and guest each accept
 * (the second acceptance makes it `accepted` and reveals the parties to each other) or one
 * declines with a reason; the host records the agreement, which takes channel capacity.
 * Proposals and approved matches nobody answers expire.
 */
export const matchMachine = new StateMachine<MatchStatus, MatchEvent, MatchContext>('The channel match', {
  proposed: {
    approve: { to: 'approved' },
    reject: { to: 'rejected' },
    expire: { to: 'expired' },
  },
  approved: {
    accept: { to: 'approved', guard: (c) => pastDeadline(c) ?? (c.alreadyAccepted ? 'your organisation has already accepted it' : null) },
    both_accepted: { to: 'accepted' },
    decline: { to: 'declined', guard: (c) => pastDeadline(c) ?? needsReason(c) },
    expire: { to: 'expired' },
  },
  accepted: {
    agree: {
      to: 'agreed',
      guard: (c) =>
        (c.capacityAllotted ?? 0) > (c.spareCapacity ?? 0) ? `the channel has ${c.spareCapacity ?? 0} spare capacity, fewer than the ${c.capacityAllotted} allotted` : null,
    },
    decline: { to: 'declined', guard: needsReason },
  },
  agreed: {},
  rejected: {},
  declined: {},
  expired: {},
});

function pastDeadline(c: MatchContext): string | null {
  return c.deadlinePassed ? `the deadline to answer passed at ${c.deadlinePassed.toISOString()}; the match is expiring` : null;
}

function needsReason(c: MatchContext): string | null {
  return c.reason?.trim() ? null : 'declining needs a reason';
}
