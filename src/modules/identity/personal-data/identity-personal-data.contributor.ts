import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PasswordHasher } from '../../../platform/auth/password-hasher';
import { DataSubject, PersonalDataContributor } from '../../../platform/personal-data/personal-data';
import { PersonalDataRegistry } from '../../../platform/personal-data/personal-data-registry';
import { EmailToken } from '../email-token.entity';
import { RefreshToken } from '../refresh-token.entity';
import { User } from '../user.entity';
import { IDENTITY_PERSONAL_DATA } from './identity.personal-data';

export interface AccountFacts extends DataSubject {
  roles: string[];
  /** The cluster a staff account works for; null for everyone else. */
  clusterId: string | null;
  locale: string;
}

export const ERASED_DISPLAY_NAME = 'Erased user';
export const erasedEmail = (userId: string) => `erased-${userId}@invalid`;

/**
 * The account itself. Erasure pseudonymises the user row (the id stays, so what other modules
 * keep about an organisation still points somewhere) and ends every session and token.
 */
@Injectable()
export class IdentityPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly declaration = IDENTITY_PERSONAL_DATA;

  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly hasher: PasswordHasher,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** The person behind an account (locked for the rest of the transaction with `lock`); null when there is none. */
  async account(em: EntityManager, userId: string, lock = false): Promise<AccountFacts | null> {
    const user = await em.findOne(User, { where: { id: userId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    return user && {
      userId: user.id, email: user.email, displayName: user.displayName, roles: user.roles, clusterId: user.staffClusterId, locale: user.locale,
    };
  }

  async passwordMatches(em: EntityManager, userId: string, password: string): Promise<boolean> {
    const user = await em.findOneBy(User, { id: userId });
    return this.hasher.verify(user?.passwordHash ?? null, password);
  }

  async export(em: EntityManager, subject: DataSubject): Promise<unknown> {
    const user = await em.findOneByOrFail(User, { id: subject.userId });
    const sessions = await em.find(RefreshToken, { where: { userId: subject.userId }, order: { createdAt: 'ASC' } });
    return {
      account: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        roles: user.roles,
        staffClusterId: user.staffClusterId,
        locale: user.locale,
        emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
        hasPassword: user.passwordHash !== null,
        createdAt: user.createdAt.toISOString(),
        updatedAt: user.updatedAt.toISOString(),
      },
      sessions: sessions.map((s) => ({
        familyId: s.familyId,
        createdAt: s.createdAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        usedAt: s.usedAt?.toISOString() ?? null,
        revokedAt: s.revokedAt?.toISOString() ?? null,
      })),
    };
  }

  async erase(em: EntityManager, subject: DataSubject): Promise<void> {
    await em.delete(RefreshToken, { userId: subject.userId });
    await em.delete(EmailToken, { userId: subject.userId });
    await em.update(User, { id: subject.userId }, {
      email: erasedEmail(subject.userId),
      displayName: ERASED_DISPLAY_NAME,
      passwordHash: null,
      roles: [],
      locale: 'en',
      emailVerifiedAt: null,
    });
  }
}
