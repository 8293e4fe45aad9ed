import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastify } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../../metrics/metrics-route';
import { QUEUE_NAMES } from '../job-catalog';
import { DASHBOARD_PATH, DashboardSessions } from './dashboard-sessions';

/**
 * bull-board's dashboard of every queue at /admin/queues, for admins only. It is a Fastify plugin
 * beside Nest's router, so Nest's guard does not run for it: the plugin's own onRequest hook asks
 * DashboardSessions and refuses with problem+json (401 without or with a bad credential, 403 for
 * anyone but an admin) before bull-board sees the request.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const sessions = app.get(DashboardSessions);
  const board = new BullBoardFastify();
  board.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }))),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Clusterlink queues' } },
  });
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request, reply) => {
      const access = await sessions.check(request.headers.authorization, request.headers.cookie);
      if (access === 'ok') return;
      if (access === 'forbidden') return sendProblem(reply, 403, 'auth.role_required', 'The queue dashboard is for admins.');
      return access === 'invalid'
        ? sendProblem(reply, 401, 'auth.invalid_token', 'The access token or dashboard cookie is invalid or has expired.')
        : sendProblem(reply, 401, 'auth.unauthenticated', 'Sign in as an admin: send your access token, or open a dashboard session (POST /api/v1/admin/queue-dashboard/session).');
    });
    await scope.register(board.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
}
