/**
 * The decision channel sharing asks staff for: may this proposed match go to its two parties?
 * Gathered with every module's kinds in src/approval-kinds.ts; the decision comes back as the
 * `approval.decided` event (MatchLifecycleJobs), and this module mails the parties.
 */
export const CHANNEL_MATCH_APPROVAL = 'channel_match' as const;
