import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { paginate } from '../../platform/http/pagination';
import { FeedItemView, FeedPage, FeedQuery } from './dto/notification.dto';
import { Notification } from './notification.entity';
import { NotificationNotFoundError } from './notifications.errors';

const view = (n: Notification): FeedItemView => ({
  id: n.id,
  category: n.category,
  template: n.template,
  title: n.title,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

/** The in-app feed: a user sees only their own notifications. */
@Injectable()
export class FeedService {
  constructor(private readonly uow: UnitOfWork) {}

  async list(actor: Actor, query: FeedQuery): Promise<FeedPage> {
    const qb = this.uow.reader
      .createQueryBuilder(Notification, 'n')
      .where('n.recipient_user_id = :me AND n.in_app', { me: actor.userId });
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    const page = await paginate(qb, query);
    const unreadCount = await this.uow.reader.countBy(Notification, { recipientUserId: actor.userId, inApp: true, readAt: IsNull() });
    return { items: page.items.map(view), nextCursor: page.nextCursor, unreadCount };
  }

  async markRead(actor: Actor, id: string): Promise<FeedItemView> {
    return this.uow.run(async (em) => {
      const row = await em.findOneBy(Notification, { id, recipientUserId: actor.userId, inApp: true });
      if (!row) throw new NotificationNotFoundError();
      if (!row.readAt) {
        row.readAt = new Date();
        await em.update(Notification, { id }, { readAt: row.readAt });
      }
      return view(row);
    });
  }

  async markAllRead(actor: Actor): Promise<number> {
    const result = await this.uow.reader.update(
      Notification,
      { recipientUserId: actor.userId, inApp: true, readAt: IsNull() },
      { readAt: new Date() },
    );
    return result.affected ?? 0;
  }
}
