/**
 * Every queue, job, payload type, retry policy and schedule, declared in one place. A job listed
 * here without exactly one @JobHandler in the worker stops the worker's boot.
 */
export const QUEUE_NAMES = ['mail', 'events', 'matching', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** Deliver one outbox notification by email. Job id: `<notification id>.<delivery generation>`. */
  'notifications.deliver': { notificationId: string };
  /** Group each user's digest-preference notifications into one mail. Daily at DIGEST_HOUR_UTC. */
  'notifications.daily-digest': Record<string, never>;
  /** Hand one committed domain event to its handlers. Job id: the event id. */
  'events.dispatch': { eventId: string };
  /** Remind assignees (or the cluster's staff) of approval requests past due. */
  'approvals.remind-overdue': Record<string, never>;
  /** Score one shard of a matching run (a slice of host channels) and write its kept pairs as proposals. */
  'channel-sharing.match-shard': { runId: string; shard: number };
  /** After every shard: expire the proposals no shard kept, complete the run with the shards' counts. */
  'channel-sharing.finalize-run': { runId: string };
  /** Recompute one organisation's matches as host and as guest (debounced per organisation). */
  'channel-sharing.refresh-organisation': { organisationId: string; clusterId: string };
  /** Start a full rebuild of one cluster after its complementarity rules changed (debounced per cluster). */
  'channel-sharing.rebuild-cluster': { clusterId: string };
  /** Remind parties of approved matches near their deadline; expire those past it. */
  'channel-sharing.expire-matches': Record<string, never>;
  /** Queue again the jobs of full runs whose jobs vanished from Redis (or fail them). Every RECONCILE_INTERVAL_MS. */
  'channel-sharing.reconcile-runs': Record<string, never>;
  /** Start a full rebuild for every cluster with channels. Scheduled daily at 02:30 UTC. */
  'channel-sharing.scheduled-runs': Record<string, never>;
  /** Delete refresh and email tokens past expiry (kept a week for forensics). Scheduled hourly. */
  'identity.purge-expired-tokens': Record<string, never>;
  /** Delete stored personal-data exports past their link's expiry. Scheduled hourly. */
  'privacy.purge-expired-exports': Record<string, never>;
}
export type JobName = keyof JobPayloads;

/** The settings schedules are built from. */
export interface ScheduleConfig {
  DIGEST_HOUR_UTC: number;
  RECONCILE_INTERVAL_MS: number;
}

export interface JobSpec {
  queue: QueueName;
  attempts: number;
  /** First retry delay; later retries double it (exponential backoff). */
  backoffMs: number;
  /** Repeats: every N ms, or a cron pattern (UTC) built from the configuration. */
  repeat?: { everyMs: number | ((config: ScheduleConfig) => number) } | { cron: (config: ScheduleConfig) => string };
}

export const JOB_CATALOG: { readonly [N in JobName]: JobSpec } = {
  'notifications.deliver': { queue: 'mail', attempts: 8, backoffMs: 2_000 },
  'notifications.daily-digest': {
    queue: 'maintenance',
    attempts: 5,
    backoffMs: 60_000,
    repeat: { cron: (config) => `0 ${config.DIGEST_HOUR_UTC} * * *` },
  },
  'events.dispatch': { queue: 'events', attempts: 10, backoffMs: 1_000 },
  'approvals.remind-overdue': { queue: 'maintenance', attempts: 3, backoffMs: 30_000, repeat: { everyMs: 10 * 60 * 1000 } },
  'channel-sharing.match-shard': { queue: 'matching', attempts: 5, backoffMs: 2_000 },
  'channel-sharing.finalize-run': { queue: 'matching', attempts: 5, backoffMs: 2_000 },
  'channel-sharing.refresh-organisation': { queue: 'matching', attempts: 5, backoffMs: 2_000 },
  'channel-sharing.rebuild-cluster': { queue: 'maintenance', attempts: 3, backoffMs: 10_000 },
  'channel-sharing.expire-matches': { queue: 'maintenance', attempts: 3, backoffMs: 30_000, repeat: { everyMs: 10 * 60 * 1000 } },
  'channel-sharing.reconcile-runs': { queue: 'maintenance', attempts: 1, backoffMs: 10_000, repeat: { everyMs: (config) => config.RECONCILE_INTERVAL_MS } },
  'channel-sharing.scheduled-runs': { queue: 'maintenance', attempts: 3, backoffMs: 60_000, repeat: { cron: () => '30 2 * * *' } },
  'identity.purge-expired-tokens': { queue: 'maintenance', attempts: 3, backoffMs: 10_000, repeat: { everyMs: 60 * 60 * 1000 } },
  'privacy.purge-expired-exports': { queue: 'maintenance', attempts: 3, backoffMs: 10_000, repeat: { everyMs: 60 * 60 * 1000 } },
};

/**
 * Worker settings per queue. Mail jobs are short, so a worker that dies is noticed within
 * seconds (lockDuration) and its jobs go back to the queue; they may stall a few times before
 * BullMQ gives up on them, because each run checks the outbox row first.
 */
export const QUEUE_WORKERS: Record<QueueName, { concurrency: number; lockDuration: number; stalledInterval: number; maxStalledCount: number }> = {
  mail: { concurrency: 10, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 5 },
  events: { concurrency: 5, lockDuration: 30_000, stalledInterval: 15_000, maxStalledCount: 3 },
  // CPU-bound, but each shard also waits for PostgreSQL to write its proposals: with two at a
  // time, one shard's writes run on the database while the process matches the other. More
  // processes for more throughput (refreshes of one cluster take turns; see MatchingJobs).
  matching: { concurrency: 2, lockDuration: 30_000, stalledInterval: 10_000, maxStalledCount: 5 },
  maintenance: { concurrency: 1, lockDuration: 60_000, stalledInterval: 30_000, maxStalledCount: 2 },
};
