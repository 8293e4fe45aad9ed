import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { redisOptionsFromUrl } from '../queue/redis-options';

// Named 'default' so the guard answers with a plain Retry-After header (others get a suffix).
export const AUTH_THROTTLER = 'default';

/**
 * Rate limits with counters in Redis, so every API replica shares one count per client.
 * Controllers opt in with @UseGuards(ThrottlerGuard); only the auth endpoints do today.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: AUTH_THROTTLER, limit: config.THROTTLE_AUTH_LIMIT, ttl: config.THROTTLE_AUTH_TTL_SECONDS * 1000 },
        ],
        errorMessage: 'Too many requests; wait before trying again.',
        storage: new ThrottlerStorageRedisService(
          redisOptionsFromUrl(config.REDIS_URL, { keyPrefix: `${config.QUEUE_PREFIX}:throttle:`, maxRetriesPerRequest: 1 }),
        ),
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class ThrottlingModule {}
