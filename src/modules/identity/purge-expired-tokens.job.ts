import { Injectable, Logger } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { EmailToken } from './email-token.entity';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';

const KEEP_AFTER_EXPIRY_MS = 7 * 24 * 3600 * 1000;

/**
 * Deletes expired tokens, and accounts that never confirmed their address within
 * UNVERIFIED_ACCOUNT_DAYS and hold nothing but the self-registered talent role, so their address
 * is free again. Deleting what has already expired is naturally idempotent: a second run deletes
 * nothing.
 */
@Injectable()
export class PurgeExpiredTokensJob {
  private readonly logger = new Logger('PurgeExpiredTokensJob');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
  ) {}

  @JobHandler('identity.purge-expired-tokens')
  async run(): Promise<{ refreshTokens: number; emailTokens: number; unverifiedAccounts: number }> {
    const cutoff = new Date(Date.now() - KEEP_AFTER_EXPIRY_MS);
    const unverifiedBefore = new Date(Date.now() - this.config.UNVERIFIED_ACCOUNT_DAYS * 24 * 3600 * 1000);
    const result = await this.uow.run(async (em) => ({
      refreshTokens: (await em.delete(RefreshToken, { expiresAt: LessThan(cutoff) })).affected ?? 0,
      emailTokens: (await em.delete(EmailToken, { expiresAt: LessThan(cutoff) })).affected ?? 0,
      // An unverified account cannot sign in, so it holds no profile or membership of its own.
      unverifiedAccounts: (await em.createQueryBuilder().delete().from(User)
        .where('email_verified_at IS NULL AND created_at < :unverifiedBefore', { unverifiedBefore })
        .andWhere(`roles <@ ARRAY['talent']::text[]`)
        .execute()).affected ?? 0,
    }));
    this.logger.log(result, 'purged expired tokens and unverified accounts');
    return result;
  }
}
