import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { PasswordHasher } from '../../platform/auth/password-hasher';
import { hashSecretToken, newSecretToken } from '../../platform/auth/secret-token';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { NotificationsService } from '../notifications/notifications.service';
import { LoginDto, RegisterDto } from './dto/auth.dto';
import { EmailToken } from './email-token.entity';
import { EmailNotVerifiedError, InvalidCredentialsError, InvalidEmailTokenError } from './identity.errors';
import { SessionService, TokenPair } from './session.service';
import { User } from './user.entity';

/** An account that never confirmed its address and is older than the allowed days: its address is free. */
export function isExpiredUnverified(user: User, days: number): boolean {
  return !user.emailVerifiedAt && user.roles.every((r) => r === 'talent')
    && user.createdAt.getTime() <= Date.now() - days * 24 * 3600 * 1000;
}

/** Self-service sign-up as a talent, email verification and sign-in. */
@Injectable()
export class AuthService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Creates an unverified talent account and mails a verification link. An address whose account
   * never confirmed it gets a fresh verification mail (or, once that account is past
   * UNVERIFIED_ACCOUNT_DAYS, is free again); a confirmed one gets a "you already have an account"
   * mail. The caller sees the same answer either way, so registration reveals no accounts.
   */
  async register(dto: RegisterDto): Promise<void> {
    const passwordHash = await this.hasher.hash(dto.password);
    await this.uow.run(async (em) => {
      let existing = await em.findOneBy(User, { email: dto.email });
      if (existing && isExpiredUnverified(existing, this.config.UNVERIFIED_ACCOUNT_DAYS)) {
        await em.delete(User, { id: existing.id });
        existing = null;
      }
      if (existing && !existing.emailVerifiedAt) {
        await this.sendVerification(em, existing);
        return;
      }
      if (existing) {
        await this.notifications.notify(em, {
          to: { userId: existing.id, email: existing.email, locale: existing.locale },
          category: 'security',
          template: 'identity.account_exists',
          data: { loginUrl: `${this.config.APP_URL}/api/v1/auth/login` },
          inApp: false,
        });
        return;
      }
      const user = await em.save(em.create(User, {
        email: dto.email,
        displayName: dto.displayName,
        passwordHash,
        roles: ['talent'],
        emailVerifiedAt: null,
      }));
      await this.sendVerification(em, user);
    });
  }

  async verifyEmail(token: string): Promise<void> {
    await this.uow.run(async (em) => {
      const row = await em.findOne(EmailToken, {
        where: { tokenHash: hashSecretToken(token), purpose: 'verify_email', usedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.expiresAt.getTime() <= Date.now()) throw new InvalidEmailTokenError();
      await em.update(EmailToken, { id: row.id }, { usedAt: new Date() });
      await em.update(User, { id: row.userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: new Date() });
    });
  }

  /** Mails a new verification token to an existing unverified account; anything else mails nobody. */
  async resendVerification(email: string): Promise<void> {
    await this.uow.run(async (em) => {
      const user = await em.findOneBy(User, { email });
      if (!user || user.emailVerifiedAt || isExpiredUnverified(user, this.config.UNVERIFIED_ACCOUNT_DAYS)) return;
      await this.sendVerification(em, user);
    });
  }

  async login(dto: LoginDto): Promise<TokenPair> {
    const user = await this.uow.reader.findOneBy(User, { email: dto.email });
    // Verify against a decoy hash when the email is unknown, so both failures take as long.
    const ok = await this.hasher.verify(user?.passwordHash ?? null, dto.password);
    if (!user || !ok) throw new InvalidCredentialsError();
    if (!user.emailVerifiedAt) throw new EmailNotVerifiedError();
    return this.uow.run((em) => this.sessions.start(em, user));
  }

  /**
   * The verification mail is an outbox row of this transaction: no account, no mail. Older unused
   * verification tokens stop working. The mail goes to an unconfirmed address, so it carries no
   * text the requester chose (no display name).
   */
  private async sendVerification(em: EntityManager, user: User): Promise<void> {
    await em.update(EmailToken, { userId: user.id, purpose: 'verify_email', usedAt: IsNull() }, { usedAt: new Date() });
    const { token, hash } = newSecretToken();
    await em.insert(EmailToken, {
      userId: user.id,
      purpose: 'verify_email',
      tokenHash: hash,
      expiresAt: new Date(Date.now() + this.config.EMAIL_TOKEN_TTL_HOURS * 3600 * 1000),
    });
    await this.notifications.notify(em, {
      to: { userId: user.id, email: user.email, locale: user.locale },
      category: 'security',
      template: 'identity.verify_email',
      data: { link: `${this.config.APP_URL}/verify-email#token=${encodeURIComponent(token)}`, token },
      inApp: false,
    });
  }
}
