import { Injectable } from '@nestjs/common';
import { EntityManager, MoreThan } from 'typeorm';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { PersonalDataRegistry } from '../../platform/personal-data/personal-data-registry';
import { IdentityPersonalData } from '../identity/personal-data/identity-personal-data.contributor';
import { NotificationsService } from '../notifications/notifications.service';
import { ExportAcceptedView } from './dto/privacy.dto';
import { CATALOGUED_MODULES } from './personal-data.catalog';
import { PersonalDataExport } from './personal-data-export.entity';
import { ExportNotFoundError, PersonNotFoundError } from './privacy.errors';

export type ExportOutcome = { inline: Record<string, unknown> } | { accepted: ExportAcceptedView };

/**
 * Everything the service holds about the signed-in person, one section per module, read in one
 * REPEATABLE READ snapshot so the sections agree. Up to EXPORT_INLINE_MAX_BYTES it is the answer
 * itself; a larger one is stored, and a link to it mailed in the same transaction, valid for
 * EXPORT_LINK_TTL_HOURS (ADR 0011).
 */
@Injectable()
export class PersonalDataExportService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly registry: PersonalDataRegistry,
    private readonly identity: IdentityPersonalData,
    private readonly notifications: NotificationsService,
  ) {}

  async export(actor: Actor): Promise<ExportOutcome> {
    const document = await this.uow.reader.transaction('REPEATABLE READ', (em) => this.build(em, actor.userId));
    if (Buffer.byteLength(JSON.stringify(document)) <= this.config.EXPORT_INLINE_MAX_BYTES) return { inline: document };
    return this.uow.run(async (em) => {
      const account = await this.identity.account(em, actor.userId);
      if (!account) throw new PersonNotFoundError();
      const expiresAt = new Date(Date.now() + this.config.EXPORT_LINK_TTL_HOURS * 3600 * 1000);
      const row = await em.save(em.create(PersonalDataExport, { userId: actor.userId, document, expiresAt }));
      const location = `/api/v1/me/exports/${row.id}`;
      await this.notifications.notify(em, {
        to: { userId: account.userId, email: account.email, locale: account.locale },
        category: 'security',
        template: 'privacy.export_ready',
        data: { link: `${this.config.APP_URL}${location}`, expiresAt: expiresAt.toISOString() },
      });
      return { accepted: { id: row.id, status: 'mailed' as const, location, expiresAt: expiresAt.toISOString() } };
    });
  }

  /** A stored export, to its owner only and until it expires; anything else is not found. */
  async stored(actor: Actor, id: string): Promise<Record<string, unknown>> {
    const row = await this.uow.reader.findOneBy(PersonalDataExport, { id, userId: actor.userId, expiresAt: MoreThan(new Date()) });
    if (!row) throw new ExportNotFoundError();
    return row.document;
  }

  private async build(em: EntityManager, userId: string): Promise<Record<string, unknown>> {
    const account = await this.identity.account(em, userId);
    if (!account) throw new PersonNotFoundError();
    const subject = { userId: account.userId, email: account.email, displayName: account.displayName };
    const document: Record<string, unknown> = { exportedAt: new Date().toISOString(), userId };
    for (const contributor of this.registry.inOrder(CATALOGUED_MODULES)) {
      document[contributor.declaration.module] = await contributor.export(em, subject);
    }
    return document;
  }
}
