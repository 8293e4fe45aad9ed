import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { UsersService } from '../identity/users.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ApprovalRequest } from './approval-request.entity';

/**
 * Past-due pending requests: one reminder each, to the assignee or, unassigned, to every staff
 * member of the cluster. `reminder_sent_at` is set in the same transaction, so a rerun sends none.
 */
@Injectable()
export class RemindOverdueJob {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
  ) {}

  @JobHandler('approvals.remind-overdue')
  async run(): Promise<{ reminded: number }> {
    return this.uow.run(async (em) => {
      const due = await em
        .createQueryBuilder(ApprovalRequest, 'r')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where("r.status = 'pending' AND r.due_at < now() AND r.reminder_sent_at IS NULL")
        .limit(200)
        .getMany();
      for (const request of due) {
        const recipients = request.assigneeId
          ? await this.users.contacts(em, [request.assigneeId])
          : await this.users.staffOf(em, request.clusterId);
        await this.notifications.notifyMany(em, recipients.map((u) => ({
          to: { userId: u.id, email: u.email, locale: u.locale },
          category: 'approvals' as const,
          template: 'approvals.overdue' as const,
          data: { approvalId: request.id, summary: request.summary, dueAt: request.dueAt.toISOString() },
          clusterId: request.clusterId,
        })));
        await em.update(ApprovalRequest, { id: request.id }, { reminderSentAt: new Date() });
      }
      return { reminded: due.length };
    });
  }
}
