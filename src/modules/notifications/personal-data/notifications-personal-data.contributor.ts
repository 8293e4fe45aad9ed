import { Injectable, OnModuleInit } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DataSubject, PersonalDataContributor } from '../../../platform/personal-data/personal-data';
import { PersonalDataRegistry } from '../../../platform/personal-data/personal-data-registry';
import { NotificationPreference } from '../notification-preference.entity';
import { Notification } from '../notification.entity';
import { NOTIFICATIONS_PERSONAL_DATA } from './notifications.personal-data';
import { scrubber } from './scrub';

const ERASED = { email: 'erased@invalid', displayName: 'Erased user' };
/**
 * Rows kept as a record that a mail went out (pseudonymised); the rest to the person (waiting,
 * skipped, or failed and so resendable by staff) are deleted.
 */
const DELIVERED = ['sent', 'digested'];

/**
 * The person's feed, mail rows and preferences, and their name or address inside rows to others
 * (contacts revealed by a channel match, for instance).
 */
@Injectable()
export class NotificationsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly declaration = NOTIFICATIONS_PERSONAL_DATA;

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(em: EntityManager, subject: DataSubject): Promise<unknown> {
    const rows = await this.toSubject(em, subject).orderBy('n.created_at', 'ASC').getMany();
    const preferences = await em.find(NotificationPreference, { where: { userId: subject.userId } });
    return {
      notifications: rows.map((n) => ({
        id: n.id,
        category: n.category,
        template: n.template,
        title: n.title,
        recipientEmail: n.recipientEmail,
        inApp: n.inApp,
        emailStatus: n.emailStatus,
        sentAt: n.sentAt?.toISOString() ?? null,
        readAt: n.readAt?.toISOString() ?? null,
        createdAt: n.createdAt.toISOString(),
      })),
      preferences: preferences.map((p) => ({ category: p.category, mode: p.mode })),
    };
  }

  async erase(em: EntityManager, subject: DataSubject): Promise<void> {
    await em.delete(NotificationPreference, { userId: subject.userId });
    const own = await this.toSubject(em, subject).setLock('pessimistic_write').getMany();
    const delivered = own.filter((n) => DELIVERED.includes(n.emailStatus)).map((n) => n.id);
    const rest = own.filter((n) => !DELIVERED.includes(n.emailStatus)).map((n) => n.id);
    if (rest.length > 0) await em.delete(Notification, { id: In(rest) });
    if (delivered.length > 0) {
      await em.update(Notification, { id: In(delivered) }, {
        recipientUserId: null, recipientEmail: ERASED.email, data: {}, title: '[erased]', lastError: null, inApp: false,
      });
    }
    await this.scrubOthers(em, subject);
  }

  private toSubject(em: EntityManager, subject: DataSubject) {
    return em.createQueryBuilder(Notification, 'n').where(new Brackets((w) => {
      w.where('n.recipient_user_id = :id', { id: subject.userId }).orWhere('lower(n.recipient_email) = :email', { email: subject.email.toLowerCase() });
    }));
  }

  /** Replaces the person's address and name in the data, title and error of rows to other people. */
  private async scrubOthers(em: EntityManager, subject: DataSubject): Promise<void> {
    const { text, json } = scrubber(subject, ERASED);
    const needles = [`%${subject.email.toLowerCase()}%`, `%${subject.displayName.toLowerCase()}%`];
    const rows = await em
      .createQueryBuilder(Notification, 'n')
      .where(`lower(n.data::text) LIKE ANY(:needles) OR lower(n.title) LIKE ANY(:needles) OR lower(coalesce(n.last_error, '')) LIKE ANY(:needles)`, { needles })
      .setLock('pessimistic_write')
      .getMany();
    for (const row of rows) {
      await em.update(Notification, { id: row.id }, {
        data: json(row.data) as QueryDeepPartialEntity<Record<string, unknown>>,
        title: text(row.title),
        lastError: row.lastError === null ? null : text(row.lastError),
      });
    }
  }
}
