import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DataSubject, PersonalDataContributor } from '../../platform/personal-data/personal-data';
import { PersonalDataRegistry } from '../../platform/personal-data/personal-data-registry';
import { AuditEntry } from './audit-entry.entity';
import { AUDIT_PERSONAL_DATA } from './audit.personal-data';
import { AuditService } from './audit.service';
import { PersonalDataKeys } from './personal-data-keys.service';

/**
 * The trail about a person: entries they made, entries about their account, and entries holding
 * values sealed with their keys. Erasure never touches the rows (they are append-only); it
 * destroys the keys, so those values read as "[erased]" from then on.
 */
@Injectable()
export class AuditPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly declaration = AUDIT_PERSONAL_DATA;

  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly audit: AuditService,
    private readonly keys: PersonalDataKeys,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(em: EntityManager, subject: DataSubject): Promise<unknown> {
    const keyIds = await this.keys.idsOf(em, subject.userId, subject.email);
    const entries = await em
      .createQueryBuilder(AuditEntry, 'a')
      .where('a.actor_user_id = :id', { id: subject.userId })
      .orWhere("a.subject_kind = 'user' AND a.subject_id = :sid", { sid: subject.userId })
      .orWhere(
        `EXISTS (SELECT 1 FROM jsonb_each(a.changes) c, LATERAL (VALUES (c.value->'before'), (c.value->'after')) v(x)
                 WHERE jsonb_typeof(c.value) = 'object' AND v.x->>'$personal' = ANY(CAST(:keyIds AS text[])))`,
        { keyIds },
      )
      .orderBy('a.created_at', 'ASC')
      .getMany();
    // Their own values opened; other people's (an address they invited) stay withheld.
    return { entries: await this.audit.views(em, entries, keyIds) };
  }

  async erase(em: EntityManager, subject: DataSubject): Promise<void> {
    await this.keys.destroy(em, subject.userId, subject.email);
  }
}
