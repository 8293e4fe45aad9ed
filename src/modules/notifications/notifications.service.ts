import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { signalOutbox } from '../../platform/outbox/outbox-relay';
import { NotificationCategory } from './categories';
import { statusFor } from './delivery-mode';
import { Notification } from './notification.entity';
import { DeliveryMode, NotificationPreference } from './notification-preference.entity';
import { renderTemplate, TemplateData, TemplateName } from './templates/templates';

export interface Recipient {
  /** Null or absent for an address with no account yet. */
  userId?: string | null;
  email: string;
  locale?: string;
}

export interface NotifyInput<T extends TemplateName> {
  to: Recipient;
  category: NotificationCategory;
  template: T;
  data: TemplateData[T];
  /** The cluster whose staff may see a failed delivery. */
  clusterId?: string | null;
  /** Also show it in the recipient's in-app feed (default: when the recipient has an account). */
  inApp?: boolean;
}

/**
 * What other modules call to tell someone something. It writes outbox rows with the caller's
 * entity manager, so the message exists only if the caller's transaction commits; the worker's
 * relay and mail processor do the rest. No module talks to SMTP itself.
 */
@Injectable()
export class NotificationsService {
  async notify<T extends TemplateName>(em: EntityManager, input: NotifyInput<T>): Promise<string> {
    return (await this.notifyMany(em, [input]))[0];
  }

  async notifyMany(em: EntityManager, inputs: NotifyInput<TemplateName>[]): Promise<string[]> {
    if (inputs.length === 0) return [];
    const modes = await this.modesFor(em, inputs);
    const rows = inputs.map((input) => {
      const locale = input.to.locale ?? 'en';
      const mode = input.to.userId ? modes.get(`${input.to.userId}:${input.category}`) ?? 'immediate' : 'immediate';
      return em.create(Notification, {
        recipientUserId: input.to.userId ?? null,
        recipientEmail: input.to.email,
        locale,
        clusterId: input.clusterId ?? null,
        category: input.category,
        template: input.template,
        data: { ...input.data },
        title: renderTemplate(input.template, input.data, locale).subject,
        inApp: input.inApp ?? Boolean(input.to.userId),
        emailStatus: statusFor(input.category, mode),
      });
    });
    const saved = await em.save(rows, { chunk: 500 });
    await signalOutbox(em);
    return saved.map((r) => r.id);
  }

  private async modesFor(em: EntityManager, inputs: NotifyInput<TemplateName>[]): Promise<Map<string, DeliveryMode>> {
    const userIds = [...new Set(inputs.map((i) => i.to.userId).filter((id): id is string => Boolean(id)))];
    if (userIds.length === 0) return new Map();
    const prefs = await em
      .createQueryBuilder(NotificationPreference, 'p')
      .where('p.user_id = ANY(:userIds)', { userIds })
      .getMany();
    return new Map(prefs.map((p) => [`${p.userId}:${p.category}`, p.mode]));
  }
}
