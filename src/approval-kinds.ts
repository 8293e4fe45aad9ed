import { CHANNEL_MATCH_APPROVAL } from './modules/channel-sharing/matches/channel-match.approval';

/**
 * Every kind of decision a module asks staff for, gathered where the application is composed.
 * Each module declares its own kinds beside its subject (`<subject>.approval.ts`) and adds them
 * here; a migration puts the same list in the `ck_approval_requests_kind` CHECK constraint, and
 * the schema test fails when the two differ.
 */
export const APPROVAL_KINDS = [CHANNEL_MATCH_APPROVAL] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
