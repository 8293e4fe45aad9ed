import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '../../auth/actor';
import { CurrentActor, Roles } from '../../auth/decorators';
import { ApiProblems } from '../../http/api-problems.decorator';
import { DASHBOARD_PATH, DashboardSessions } from './dashboard-sessions';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/queue-dashboard')
export class QueueDashboardController {
  constructor(private readonly sessions: DashboardSessions) {}

  @Post('session')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: `Let this browser open the queue dashboard at ${DASHBOARD_PATH} (admin).`,
    description: `Sets an HttpOnly, SameSite=Strict cookie for ${DASHBOARD_PATH} that lasts as long as an access token. `
      + 'Tools that can send headers may call the dashboard with the bearer token instead.',
  })
  @ApiResponse({
    status: 204,
    description: 'The cookie is set.',
    headers: { 'Set-Cookie': { description: `The dashboard cookie, scoped to ${DASHBOARD_PATH}.`, required: true, schema: { type: 'string' } } },
  })
  @ApiProblems(401, 403)
  async open(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    void reply.header('set-cookie', await this.sessions.cookieFor(actor));
  }
}
