import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { MailSender } from '../../platform/mail/mail-sender';
import { OutboxJob, OutboxRelay, OutboxSource } from '../../platform/outbox/outbox-relay';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { Notification } from './notification.entity';
import { describeSmtpError, isPermanentSmtpFailure } from './smtp-errors';
import { isTemplateName, renderTemplate, scrubSecrets } from './templates/templates';

export class DeliveryBusyError extends Error {}
class RetryableDeliveryError extends Error {}

export const deliveryJobId = (row: { id: string; deliveryGeneration: number }) => `${row.id}.${row.deliveryGeneration}`;

/**
 * The email side of the notification outbox, in the worker.
 *
 * Exactly-once as far as SMTP allows: the row is locked (`FOR UPDATE SKIP LOCKED`) and checked to
 * be `pending` in the transaction that sends and then marks it `sent`. A second run of the same
 * job finds it sent and skips; a concurrent run finds it locked and retries later. If the process
 * dies after the SMTP server accepted the message but before the commit, the row is still
 * pending and the message is sent again with the same Message-ID (`<row id@host>`), which lets a
 * receiver drop the duplicate. Nothing is lost: the row stays until it is sent or parked.
 */
@Injectable()
export class DeliverNotificationJob implements OutboxSource, OnModuleInit {
  readonly name = 'notifications';

  constructor(
    private readonly uow: UnitOfWork,
    private readonly sender: MailSender,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.relay.register(this);
  }

  async pick(em: EntityManager, limit: number, requeueAfterSeconds: number): Promise<OutboxJob[]> {
    const rows: { id: string; delivery_generation: number }[] = await em.query(
      // A top-level SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH picked AS (
         SELECT id FROM notifications
         WHERE email_status = 'pending' AND (enqueued_at IS NULL OR enqueued_at < now() - make_interval(secs => $2))
         ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED),
       marked AS (UPDATE notifications n SET enqueued_at = now() FROM picked WHERE n.id = picked.id
                  RETURNING n.id, n.delivery_generation)
       SELECT id, delivery_generation FROM marked`,
      [limit, requeueAfterSeconds],
    );
    return rows.map((r) => ({
      name: 'notifications.deliver' as const,
      payload: { notificationId: r.id },
      jobId: deliveryJobId({ id: r.id, deliveryGeneration: r.delivery_generation }),
    }));
  }

  async backlog(em: EntityManager): Promise<{ pending: number; oldestAgeSeconds: number }> {
    // Served by the partial index ix_notifications_outbox: only undelivered rows are read.
    const [row]: { pending: number; age: number }[] = await em.query(
      `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age
       FROM notifications WHERE email_status = 'pending'`,
    );
    return { pending: row.pending, oldestAgeSeconds: row.age };
  }

  @JobHandler('notifications.deliver')
  async deliver({ notificationId }: { notificationId: string }, job: Job): Promise<{ outcome: string }> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    let failure: unknown = null;
    const outcome = await this.uow
      .run(async (em) => {
        const row = await em
          .createQueryBuilder(Notification, 'n')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where('n.id = :id', { id: notificationId })
          .getOne();
        if (!row) {
          const exists = await em.existsBy(Notification, { id: notificationId });
          if (exists) throw new DeliveryBusyError(`notification ${notificationId} is being delivered by another run`);
          return 'missing';
        }
        if (row.emailStatus !== 'pending') return `already ${row.emailStatus}`;
        if (!isTemplateName(row.template)) return this.park(em, row, `unknown template ${row.template}`);
        const mail = renderTemplate(row.template, row.data, row.locale);
        // Mark it sent first and send last, so that between the SMTP server's acceptance and our
        // record of it there is only the COMMIT. A failed send throws and rolls the mark back.
        await em.query('SET LOCAL synchronous_commit = off');
        await em.update(Notification, { id: row.id }, {
          emailStatus: 'sent',
          sentAt: new Date(),
          smtpMessageId: this.sender.messageIdFor(row.id),
          attempts: row.attempts + 1,
          lastError: null,
          data: scrubSecrets(row.template, row.data) as QueryDeepPartialEntity<Record<string, unknown>>,
        });
        try {
          await this.sender.send({ id: row.id, to: row.recipientEmail, ...mail });
        } catch (error) {
          failure = error;
          throw error;
        }
        return 'sent';
      })
      .catch((error: unknown) => {
        if (error !== failure) throw error;
        return this.recordFailure(notificationId, failure, lastAttempt);
      });
    // Thrown after the failure was recorded, so BullMQ retries with backoff.
    if (outcome instanceof Error) throw outcome;
    return { outcome };
  }

  /** The send failed and its transaction rolled back: count the attempt, park it if it is final. */
  private async recordFailure(id: string, error: unknown, lastAttempt: boolean): Promise<string | Error> {
    const reason = describeSmtpError(error);
    return this.uow.run(async (em) => {
      const row = await em.findOne(Notification, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.emailStatus !== 'pending') return `already ${row?.emailStatus ?? 'gone'}`;
      if (isPermanentSmtpFailure(error) || lastAttempt) return this.park(em, row, reason);
      await em.update(Notification, { id }, { attempts: row.attempts + 1, lastError: reason });
      return new RetryableDeliveryError(reason);
    });
  }

  private async park(em: EntityManager, row: Notification, reason: string): Promise<string> {
    await em.update(Notification, { id: row.id }, { emailStatus: 'failed', attempts: row.attempts + 1, lastError: reason });
    return 'failed';
  }
}
