import { Injectable } from '@nestjs/common';
import { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { ALWAYS_IMMEDIATE, NOTIFICATION_CATEGORIES, PreferenceCategory } from './categories';
import { PreferenceView } from './dto/notification.dto';
import { DeliveryMode, NotificationPreference } from './notification-preference.entity';
import { CategoryAlwaysImmediateError } from './notifications.errors';

/** Per user and category: immediate, daily digest or off. */
@Injectable()
export class PreferencesService {
  constructor(private readonly uow: UnitOfWork) {}

  async list(actor: Actor): Promise<PreferenceView[]> {
    const rows = await this.uow.reader.findBy(NotificationPreference, { userId: actor.userId });
    const modes = new Map(rows.map((r) => [r.category, r.mode]));
    return NOTIFICATION_CATEGORIES.map((category) => ({
      category,
      mode: modes.get(category) ?? 'immediate',
      changeable: !ALWAYS_IMMEDIATE.includes(category),
    }));
  }

  async set(actor: Actor, category: PreferenceCategory, mode: DeliveryMode): Promise<PreferenceView[]> {
    if (ALWAYS_IMMEDIATE.includes(category) && mode !== 'immediate') throw new CategoryAlwaysImmediateError(category);
    await this.uow.reader.upsert(NotificationPreference, { userId: actor.userId, category, mode }, ['userId', 'category']);
    return this.list(actor);
  }
}
