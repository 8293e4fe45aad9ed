import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { redisOptionsFromUrl } from '../queue/redis-options';

/** PING on a dedicated connection that fails fast instead of queueing commands while Redis is away. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {
    this.client = new Redis(
      redisOptionsFromUrl(config.REDIS_URL, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 1_000,
        retryStrategy: () => 1_000,
      }),
    );
    this.client.on('error', () => undefined);
  }

  ping(key: string) {
    return this.health
      .check(key)
      .attempt(async () => {
        if (this.client.status === 'wait') await this.client.connect();
        await this.client.ping();
      })
      .withTimeout(1_500);
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
