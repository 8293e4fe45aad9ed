import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor, Role } from '../../platform/auth/actor';
import { PasswordHasher } from '../../platform/auth/password-hasher';
import { newSecretToken } from '../../platform/auth/secret-token';
import { NotFoundError } from '../../platform/http/domain-error';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { AuditService } from '../audit/audit.service';
import { MeView, UpdateMeDto } from './dto/me.dto';
import { WrongCurrentPasswordError } from './identity.errors';
import { SessionService } from './session.service';
import { User } from './user.entity';

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  locale: string;
}

/** Accounts: the signed-in user's own profile, and what other modules may ask of users. */
@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
  ) {}

  async me(actor: Actor): Promise<MeView> {
    const user = await this.uow.reader.findOneBy(User, { id: actor.userId });
    if (!user) throw new NotFoundError('Your account');
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      clusterId: user.staffClusterId,
      organisations: actor.organisations.map((o) => ({ organisationId: o.id, role: o.role })),
      locale: user.locale,
      emailVerified: user.emailVerifiedAt !== null,
      createdAt: user.createdAt.toISOString(),
    };
  }

  async updateMe(actor: Actor, dto: UpdateMeDto): Promise<MeView> {
    const newHash = dto.newPassword ? await this.hasher.hash(dto.newPassword) : undefined;
    await this.uow.run(async (em) => {
      const user = await em.findOneByOrFail(User, { id: actor.userId });
      if (newHash !== undefined && !(await this.hasher.verify(user.passwordHash, dto.currentPassword ?? ''))) {
        throw new WrongCurrentPasswordError();
      }
      const changes = {
        ...(dto.displayName !== undefined ? { displayName: dto.displayName } : {}),
        ...(dto.locale !== undefined ? { locale: dto.locale } : {}),
        ...(newHash !== undefined ? { passwordHash: newHash } : {}),
      };
      await em.update(User, { id: user.id }, changes);
      // A new password signs out every session, this one included: whoever knew the old one is out.
      if (newHash !== undefined) await this.sessions.revokeAllOf(em, user.id);
      await this.audit.record(em, actor, {
        action: 'user.updated', subjectKind: 'user', subjectId: user.id, clusterId: user.staffClusterId,
        before: { displayName: user.displayName, locale: user.locale, passwordHash: user.passwordHash },
        after: { displayName: user.displayName, locale: user.locale, passwordHash: user.passwordHash, ...changes },
        dataSubject: { userId: user.id },
      });
    });
    return this.me(actor);
  }

  findByEmail(em: EntityManager, email: string): Promise<User | null> {
    return em.findOneBy(User, { email: email.toLowerCase() });
  }

  async summaries(ids: string[]): Promise<Map<string, UserSummary>> {
    if (ids.length === 0) return new Map();
    const users = await this.uow.reader.find(User, { where: { id: In(ids) } });
    return new Map(users.map((u) => [u.id, { id: u.id, email: u.email, displayName: u.displayName, locale: u.locale }]));
  }

  /** Contacts of these users, read in the caller's transaction. */
  async contacts(em: EntityManager, ids: string[]): Promise<UserSummary[]> {
    if (ids.length === 0) return [];
    const users = await em.find(User, { where: { id: In([...new Set(ids)]) } });
    return users.map((u) => ({ id: u.id, email: u.email, displayName: u.displayName, locale: u.locale }));
  }

  /** The staff of a cluster. */
  async staffOf(em: EntityManager, clusterId: string): Promise<UserSummary[]> {
    const users = await em
      .createQueryBuilder(User, 'u')
      .where("u.staff_cluster_id = :clusterId AND 'staff' = ANY(u.roles)", { clusterId })
      .getMany();
    return users.map((u) => ({ id: u.id, email: u.email, displayName: u.displayName, locale: u.locale }));
  }

  async isStaffOf(em: EntityManager, userId: string, clusterId: string): Promise<boolean> {
    return (await this.staffOf(em, clusterId)).some((u) => u.id === userId);
  }

  /** Creates a verified account for someone who proved their address through an emailed invitation. */
  async createInvited(
    em: EntityManager,
    input: { email: string; displayName: string; password: string; roles: Role[] },
  ): Promise<User> {
    return em.save(em.create(User, {
      email: input.email.toLowerCase(),
      displayName: input.displayName,
      passwordHash: await this.hasher.hash(input.password),
      roles: input.roles,
      emailVerifiedAt: new Date(),
    }));
  }

  /**
   * An invitation mailed to this address proves the mailbox: an account that never confirmed it
   * (possibly registered by someone else) takes the invitee's password, becomes verified, and
   * every session it had ends.
   */
  async claimUnverified(em: EntityManager, user: User, password: string): Promise<User> {
    user.passwordHash = await this.hasher.hash(password);
    user.emailVerifiedAt = new Date();
    await this.sessions.revokeAllOf(em, user.id);
    return em.save(user);
  }

  async checkPassword(user: User, password: string): Promise<boolean> {
    return this.hasher.verify(user.passwordHash, password);
  }

  /**
   * The operator's way in to a deployment without demo data (`npm run admin:create`): makes the
   * address an administrator, creating a verified account with an unusable random password when
   * there is none. Whoever holds the mailbox then sets the password through a reset link.
   */
  async ensureAdmin(em: EntityManager, email: string, displayName: string): Promise<{ user: User; created: boolean }> {
    const existing = await this.findByEmail(em, email);
    const user = existing
      ? await this.grant(em, existing.id, ['admin'])
      : await this.createInvited(em, { email, displayName, password: newSecretToken().token, roles: ['admin'] });
    await this.audit.record(em, null, {
      action: existing ? 'user.admin_granted' : 'user.admin_created', subjectKind: 'user', subjectId: user.id, clusterId: null,
      after: { roles: user.roles }, dataSubject: { userId: user.id },
    });
    return { user, created: !existing };
  }

  /** Adds roles inside the caller's transaction. Never touches a staff assignment (see `assignStaff`). */
  async grant(em: EntityManager, userId: string, roles: Exclude<Role, 'staff'>[]): Promise<User> {
    const user = await em.findOneByOrFail(User, { id: userId });
    user.roles = [...new Set([...user.roles, ...roles])];
    return em.save(user);
  }

  /**
   * Makes the user staff of this cluster, inside the caller's transaction. Only what an admin
   * decided may call it (accepting an admin's staff invitation): the staff cluster scopes every
   * staff right, so nothing the user edits themselves reaches it.
   */
  async assignStaff(em: EntityManager, userId: string, clusterId: string): Promise<User> {
    const user = await em.findOneByOrFail(User, { id: userId });
    user.roles = [...new Set([...user.roles, 'staff' as const])];
    user.staffClusterId = clusterId;
    return em.save(user);
  }
}
