import { StateMachine } from '../../platform/state-machine/state-machine';
import type { ApprovalStatus } from './approval-request.entity';

export type ApprovalEvent = 'approve' | 'reject' | 'withdraw';

export const DECISION_EVENTS: Record<'approved' | 'rejected', ApprovalEvent> = { approved: 'approve', rejected: 'reject' };

/** pending → approved | rejected (staff) | withdrawn (the owning module); every end is final. */
export const approvalMachine = new StateMachine<ApprovalStatus, ApprovalEvent, { reason: string | null }>('The approval request', {
  pending: {
    approve: { to: 'approved' },
    reject: { to: 'rejected', guard: (c) => (c.reason?.trim() ? null : 'a rejection needs a reason') },
    withdraw: { to: 'withdrawn' },
  },
  approved: {},
  rejected: {},
  withdrawn: {},
});
