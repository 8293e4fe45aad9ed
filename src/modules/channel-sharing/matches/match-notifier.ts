import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, InjectConfig } from '../../../config/app-config';
import { NotificationsService } from '../../notifications/notifications.service';
import type { MatchMailStep } from '../../notifications/templates/channel-sharing.templates';
import { mailFor, MatchDetails, Side } from './match-details';
import { MatchReader } from './match-reader';

/**
 * Tells the members of the parties about a step of a match, through the outbox in the caller's
 * transaction. Each side gets its own view: the other side anonymous until both accepted.
 */
@Injectable()
export class MatchNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly reader: MatchReader,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async notify(em: EntityManager, match: MatchDetails, step: MatchMailStep, sides: Side[] = ['host', 'guest']): Promise<void> {
    const users = await this.reader.contacts(em, [match.host.organisationId, match.guest.organisationId]);
    const of = (side: Side) => users.filter((u) => u.organisationId === match[side].organisationId);
    const link = `${this.config.APP_URL.replace(/\/$/, '')}/api/v1/channel-matches/${match.id}`;
    await this.notifications.notifyMany(em, sides.flatMap((side) => {
      const other: Side = side === 'host' ? 'guest' : 'host';
      const contacts = of(other).map((u) => ({ name: u.name, email: u.email }));
      const data = mailFor(match, side, step, link, contacts);
      return of(side).map((u) => ({
        to: { userId: u.userId, email: u.email, locale: u.locale },
        category: 'channel_sharing' as const,
        template: 'channel_sharing.match' as const,
        data,
        clusterId: match.clusterId,
      }));
    }));
  }
}
