import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ProblemCodes } from '../http/api-problems.decorator';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/decorators';
import { RedisHealthIndicator } from './redis-health';

// One dependency's state in terminus's answer: `{ status: 'up' }`.
const INDICATOR = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } } };

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
  @ApiResponse({
    status: 200,
    description: 'The process answers.',
    schema: { type: 'object', required: ['status'], additionalProperties: false, properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get()
  @Public()
  @SkipThrottle()
  // Documented here: terminus's own 503 schema is not the problem+json body the API answers with.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness and readiness: PostgreSQL and Redis reachable (503 when either is not).' })
  @ApiResponse({
    status: 200,
    description: 'Both reachable.',
    schema: {
      type: 'object',
      required: ['status', 'details'],
      properties: {
        status: { type: 'string', enum: ['ok'] },
        info: { type: 'object', additionalProperties: INDICATOR },
        error: { type: 'object' },
        details: { type: 'object', additionalProperties: INDICATOR },
      },
      example: { status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } }, error: {}, details: { database: { status: 'up' }, redis: { status: 'up' } } } },
  })
  @ApiProblems(503)
  @ProblemCodes('common.unavailable')
  check() {
    return this.health.check([
      () => this.db.pingCheck('database').withTimeout(1_500),
      () => this.redis.ping('redis'),
    ]);
  }
}
