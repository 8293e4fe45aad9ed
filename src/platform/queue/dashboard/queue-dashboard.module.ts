import { Module } from '@nestjs/common';
import { DashboardSessions } from './dashboard-sessions';
import { QueueDashboardController } from './queue-dashboard.controller';

/** The admins' queue dashboard: the session route here, the dashboard itself in queue-dashboard.ts. */
@Module({ controllers: [QueueDashboardController], providers: [DashboardSessions], exports: [DashboardSessions] })
export class QueueDashboardModule {}
