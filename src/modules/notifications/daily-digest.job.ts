import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

/**
 * Once a day, every user with notifications waiting for their digest gets one mail listing them.
 * Per user, one transaction locks the waiting rows, writes the digest notification and marks the
 * rows digested, so a second run (or a second worker) finds nothing left to group.
 */
@Injectable()
export class DailyDigestJob {
  private readonly logger = new Logger('DailyDigestJob');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationsService,
  ) {}

  @JobHandler('notifications.daily-digest')
  async run(): Promise<{ digests: number; items: number }> {
    const users: { recipient_user_id: string }[] = await this.uow.reader.query(
      `SELECT DISTINCT recipient_user_id FROM notifications WHERE email_status = 'digest' AND recipient_user_id IS NOT NULL`,
    );
    let digests = 0;
    let items = 0;
    for (const { recipient_user_id: userId } of users) {
      items += await this.uow.run(async (em) => {
        const rows = await em
          .createQueryBuilder(Notification, 'n')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where("n.recipient_user_id = :userId AND n.email_status = 'digest'", { userId })
          .orderBy('n.created_at', 'ASC')
          .getMany();
        if (rows.length === 0) return 0;
        const latest = rows[rows.length - 1];
        const digestId = await this.notifications.notify(em, {
          to: { userId, email: latest.recipientEmail, locale: latest.locale },
          category: 'digest',
          template: 'notifications.digest',
          data: { items: rows.map((r) => ({ title: r.title, at: r.createdAt.toISOString() })) },
          inApp: false,
        });
        await em
          .createQueryBuilder()
          .update(Notification)
          .set({ emailStatus: 'digested', digestId })
          .whereInIds(rows.map((r) => r.id))
          .execute();
        digests += 1;
        return rows.length;
      });
    }
    if (digests > 0) this.logger.log({ digests, items }, 'daily digests written');
    return { digests, items };
  }
}
