import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DataSubject, PersonalDataContributor } from '../../platform/personal-data/personal-data';
import { PersonalDataRegistry } from '../../platform/personal-data/personal-data-registry';
import { PersonalDataExport } from './personal-data-export.entity';
import { PRIVACY_PERSONAL_DATA } from './privacy.personal-data';

/** Stored exports are copies of the person's data: listed in the next export, deleted on erasure. */
@Injectable()
export class PrivacyPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly declaration = PRIVACY_PERSONAL_DATA;

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(em: EntityManager, subject: DataSubject): Promise<unknown> {
    const rows = await em.find(PersonalDataExport, { where: { userId: subject.userId }, select: { id: true, createdAt: true, expiresAt: true } });
    return { storedExports: rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString() })) };
  }

  async erase(em: EntityManager, subject: DataSubject): Promise<void> {
    await em.delete(PersonalDataExport, { userId: subject.userId });
  }
}
