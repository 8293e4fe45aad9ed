import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/decorators';
import { RedisHealthIndicator } from './redis-health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  @Public()
  @SkipThrottle()
  @ApiOperation({ summary: 'Liveness: the process answers; checks no dependency (for restarts, not routing).' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get()
  @Public()
  @SkipThrottle()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: PostgreSQL and Redis reachable (503 when either is not).' })
  check() {
    return this.health.check([
      () => this.db.pingCheck('database').withTimeout(1_500),
      () => this.redis.ping('redis'),
    ]);
  }
}
