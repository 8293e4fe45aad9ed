import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { DataSubject } from '../../platform/personal-data/personal-data';
import { PersonalDataRegistry } from '../../platform/personal-data/personal-data-registry';
import { AuditService } from '../audit/audit.service';
import { AccountFacts, IdentityPersonalData } from '../identity/personal-data/identity-personal-data.contributor';
import { CATALOGUED_MODULES } from './personal-data.catalog';
import { ErasurePasswordError, PersonNotFoundError } from './privacy.errors';

/**
 * Erasure of a person's personal data, in one transaction: every module of the catalogue erases
 * or pseudonymises its part, in the catalogue's order (identity last), and the trail records who
 * erased whom (ids only). Audit rows stay untouched; their sealed personal values become
 * unreadable because the person's keys are deleted (ADR 0011).
 */
@Injectable()
export class ErasureService implements OnApplicationBootstrap {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly registry: PersonalDataRegistry,
    private readonly identity: IdentityPersonalData,
    private readonly audit: AuditService,
  ) {}

  /** A catalogued module without a contributor (or the reverse) stops the boot. */
  onApplicationBootstrap(): void {
    this.registry.inOrder(CATALOGUED_MODULES);
  }

  /** The signed-in person erases themselves, confirming with their password. */
  async eraseSelf(actor: Actor, password: string): Promise<void> {
    await this.uow.run(async (em) => {
      const account = await this.identity.account(em, actor.userId, true);
      if (!account) throw new PersonNotFoundError();
      if (!(await this.identity.passwordMatches(em, actor.userId, password))) throw new ErasurePasswordError();
      await this.erase(em, actor, account, 'self');
    });
  }

  /**
   * Staff of the person's cluster (their home cluster as a talent, or the cluster of an
   * organisation they act for) or an admin erase someone at their request. Anyone else, and
   * staff asking about staff or admins, get "not found".
   */
  async eraseFor(actor: Actor, userId: string): Promise<void> {
    await this.uow.run(async (em) => {
      const account = await this.identity.account(em, userId, true);
      if (!account || !(await this.mayErase(em, actor, account))) throw new PersonNotFoundError();
      await this.erase(em, actor, account, hasRole(actor, 'admin') ? 'admin' : 'staff');
    });
  }

  private async mayErase(em: EntityManager, actor: Actor, account: AccountFacts): Promise<boolean> {
    if (hasRole(actor, 'admin')) return true;
    if (!hasRole(actor, 'staff') || !actor.clusterId) return false;
    if (account.roles.includes('admin') || account.roles.includes('staff')) return false;
    for (const contributor of this.registry.inOrder(CATALOGUED_MODULES)) {
      if ((await contributor.clustersOf?.(em, account.userId))?.includes(actor.clusterId)) return true;
    }
    return false;
  }

  private async erase(em: EntityManager, actor: Actor, account: AccountFacts, by: 'self' | 'staff' | 'admin'): Promise<void> {
    const subject: DataSubject = { userId: account.userId, email: account.email, displayName: account.displayName };
    for (const contributor of this.registry.inOrder(CATALOGUED_MODULES)) await contributor.erase(em, subject, actor);
    await this.audit.record(em, actor, {
      action: 'user.erased', subjectKind: 'user', subjectId: account.userId, clusterId: account.clusterId,
      after: { erasedBy: by },
    });
  }
}
