import type { MailMessage } from '../mail/mail-message';

/**
 * Every queue, job, payload type, retry policy and job-id rule, declared in one place. A job
 * listed here without exactly one @JobHandler in the worker stops the worker's boot.
 */
export const QUEUE_NAMES = ['mail', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** Send one email. The job id is the message's own id, so a retried enqueue sends once. */
  'mail.send': MailMessage;
  /** Delete refresh and email tokens past expiry (kept a week for forensics). Scheduled hourly. */
  'identity.purge-expired-tokens': Record<string, never>;
}
export type JobName = keyof JobPayloads;

export interface JobSpec {
  queue: QueueName;
  attempts: number;
  /** First retry delay; later retries double it (exponential backoff). */
  backoffMs: number;
  /** Repeat every N milliseconds, registered by the worker as a BullMQ job scheduler. */
  everyMs?: number;
}

export const JOB_CATALOG: { readonly [N in JobName]: JobSpec } = {
  'mail.send': { queue: 'mail', attempts: 8, backoffMs: 2_000 },
  'identity.purge-expired-tokens': { queue: 'maintenance', attempts: 3, backoffMs: 10_000, everyMs: 60 * 60 * 1000 },
};

export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  mail: 10,
  maintenance: 1,
};
