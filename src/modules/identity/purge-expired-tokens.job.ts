import { Injectable, Logger } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { EmailToken } from './email-token.entity';
import { RefreshToken } from './refresh-token.entity';

const KEEP_AFTER_EXPIRY_MS = 7 * 24 * 3600 * 1000;

/** Deleting what has already expired is naturally idempotent: a second run deletes nothing. */
@Injectable()
export class PurgeExpiredTokensJob {
  private readonly logger = new Logger('PurgeExpiredTokensJob');

  constructor(private readonly uow: UnitOfWork) {}

  @JobHandler('identity.purge-expired-tokens')
  async run(): Promise<{ refreshTokens: number; emailTokens: number }> {
    const cutoff = new Date(Date.now() - KEEP_AFTER_EXPIRY_MS);
    const result = await this.uow.run(async (em) => ({
      refreshTokens: (await em.delete(RefreshToken, { expiresAt: LessThan(cutoff) })).affected ?? 0,
      emailTokens: (await em.delete(EmailToken, { expiresAt: LessThan(cutoff) })).affected ?? 0,
    }));
    this.logger.log(result, 'purged expired tokens');
    return result;
  }
}
