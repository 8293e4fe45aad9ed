import { Injectable } from '@nestjs/common';
import { scopeToActor, visibleOr404 } from '../../platform/access/actor-scope';
import { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { PageQuery, paginate } from '../../platform/http/pagination';
import { signalOutbox } from '../../platform/outbox/outbox-relay';
import { JobQueue } from '../../platform/queue/job-queue.service';
import { AuditService } from '../audit/audit.service';
import { DeliveryPage, DeliveryView } from './dto/notification.dto';
import { Notification } from './notification.entity';
import { notificationsAccess } from './notifications-access';
import { NotificationNotFoundError, NotResendableError } from './notifications.errors';

const view = (n: Notification): DeliveryView => ({
  id: n.id,
  recipientEmail: n.recipientEmail,
  recipientUserId: n.recipientUserId,
  category: n.category,
  template: n.template,
  title: n.title,
  emailStatus: n.emailStatus,
  attempts: n.attempts,
  lastError: n.lastError,
  createdAt: n.createdAt.toISOString(),
});

/** Parked deliveries: staff of the notification's cluster see them and can send them again. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  async failed(actor: Actor, query: PageQuery): Promise<DeliveryPage> {
    const qb = this.uow.reader.createQueryBuilder(Notification, 'n').where("n.email_status = 'failed'");
    scopeToActor(qb, actor, notificationsAccess.deliveriesScope);
    const page = await paginate(qb, query);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  /** Puts a failed delivery back in the outbox under a new delivery generation (a new job id). */
  async resend(actor: Actor, id: string): Promise<DeliveryView> {
    return this.uow.run(async (em) => {
      const row = visibleOr404(await em.findOne(Notification, { where: { id }, lock: { mode: 'pessimistic_write' } }),
        (r) => notificationsAccess.seesDelivery(actor, r), () => new NotificationNotFoundError());
      if (row.emailStatus !== 'failed') throw new NotResendableError(row.emailStatus);
      Object.assign(row, { emailStatus: 'pending', deliveryGeneration: row.deliveryGeneration + 1, enqueuedAt: null, attempts: 0 });
      await em.save(row);
      await this.audit.record(em, actor, {
        action: 'notification.resent', subjectKind: 'notification', subjectId: row.id, clusterId: row.clusterId,
        before: { emailStatus: 'failed' }, after: { emailStatus: 'pending', deliveryGeneration: row.deliveryGeneration },
      });
      await signalOutbox(em);
      return view(row);
    });
  }

  /** Runs the daily digest now (operations; the schedule runs it daily). */
  async runDigestNow(): Promise<void> {
    await this.jobs.add('notifications.daily-digest', {}, { jobId: `digest-now-${Date.now()}` });
  }
}
