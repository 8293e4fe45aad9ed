import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule } from './config/config.module';
import { AuthPlatformModule } from './platform/auth/auth.module';
import { DatabaseModule } from './platform/database/database.module';
import { MetricsModule } from './platform/metrics/metrics.module';
import { QueueModule } from './platform/queue/queue.module';
import { ApprovalsModule } from './modules/approvals/approvals.module';
import { AuditModule } from './modules/audit/audit.module';
import { ChannelSharingModule } from './modules/channel-sharing/channel-sharing.module';
import { DirectoryModule } from './modules/directory/directory.module';
import { IdentityModule } from './modules/identity/identity.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { EventsModule } from './platform/events/events.module';
import { PrivacyModule } from './modules/privacy/privacy.module';

/** The worker process: BullMQ processors, scheduled jobs and mail delivery; no HTTP but its /metrics port. */
@Module({})
export class WorkerModule {
  static forRoot(): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(),
        DatabaseModule,
        MetricsModule.forWorker(),
        QueueModule.forWorker(),
        AuthPlatformModule,
        EventsModule.forWorker(),
        AuditModule.forWorker(),
        NotificationsModule.forWorker(),
        IdentityModule.forWorker(),
        DirectoryModule.forWorker(),
        ApprovalsModule.forWorker(),
        ChannelSharingModule.forWorker(),
        PrivacyModule.forWorker(),
      ],
    };
  }
}
