import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { PasswordHasher } from '../../platform/auth/password-hasher';
import { hashSecretToken, newSecretToken } from '../../platform/auth/secret-token';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { NotificationsService } from '../notifications/notifications.service';
import { EmailToken } from './email-token.entity';
import { InvalidEmailTokenError } from './identity.errors';
import { SessionService } from './session.service';
import { User } from './user.entity';

/**
 * Password reset by email. The request reveals nothing about accounts; the mailed token is
 * single-use and short-lived; setting the new password signs out every session of the account
 * and, since the mail proved the mailbox, verifies an unverified one.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Mails a reset token if the address has an account; a newer request voids older tokens. */
  async request(email: string): Promise<void> {
    await this.uow.run(async (em) => {
      const user = await em.findOneBy(User, { email });
      if (!user) return;
      await em.update(EmailToken, { userId: user.id, purpose: 'password_reset', usedAt: IsNull() }, { usedAt: new Date() });
      const { token, hash } = newSecretToken();
      const expiresAt = new Date(Date.now() + this.config.PASSWORD_RESET_TTL_MINUTES * 60 * 1000);
      await em.insert(EmailToken, { userId: user.id, purpose: 'password_reset', tokenHash: hash, expiresAt });
      await this.notifications.notify(em, {
        to: { userId: user.id, email: user.email, locale: user.locale },
        category: 'security',
        template: 'identity.password_reset',
        data: {
          link: `${this.config.APP_URL}/reset-password#token=${encodeURIComponent(token)}`,
          token,
          expiresAt: expiresAt.toISOString(),
        },
        inApp: false,
      });
    });
  }

  async confirm(token: string, newPassword: string): Promise<void> {
    const passwordHash = await this.hasher.hash(newPassword);
    await this.uow.run(async (em) => {
      const row = await em.findOne(EmailToken, {
        where: { tokenHash: hashSecretToken(token), purpose: 'password_reset', usedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.expiresAt.getTime() <= Date.now()) throw new InvalidEmailTokenError();
      await em.update(EmailToken, { id: row.id }, { usedAt: new Date() });
      await em.update(User, { id: row.userId }, { passwordHash });
      await em.update(User, { id: row.userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: new Date() });
      await this.sessions.revokeAllOf(em, row.userId);
    });
  }
}
