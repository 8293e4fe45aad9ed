import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule } from './config/config.module';
import { AuthPlatformModule } from './platform/auth/auth.module';
import { DatabaseModule } from './platform/database/database.module';
import { HealthModule } from './platform/health/health.module';
import { MetricsModule } from './platform/metrics/metrics.module';
import { ThrottlingModule } from './platform/http/throttling.module';
import { QueueDashboardModule } from './platform/queue/dashboard/queue-dashboard.module';
import { QueueModule } from './platform/queue/queue.module';
import { ApprovalsModule } from './modules/approvals/approvals.module';
import { AuditModule } from './modules/audit/audit.module';
import { ChannelSharingModule } from './modules/channel-sharing/channel-sharing.module';
import { DirectoryModule } from './modules/directory/directory.module';
import { IdentityModule } from './modules/identity/identity.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { EventsModule } from './platform/events/events.module';
import { PersonalDataModule } from './platform/personal-data/personal-data-registry';
import { PrivacyModule } from './modules/privacy/privacy.module';

/** The HTTP API process: controllers and producers, no job processors. */
@Module({})
export class AppModule {
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(),
        DatabaseModule,
        MetricsModule.forApi(),
        QueueModule.forApi(),
        QueueDashboardModule,
        AuthPlatformModule,
        ThrottlingModule,
        HealthModule,
        EventsModule.forApi(),
        AuditModule.forApi(),
        NotificationsModule.forApi(),
        IdentityModule.forApi(),
        DirectoryModule.forApi(),
        ApprovalsModule.forApi(),
        ChannelSharingModule.forApi(),
        PersonalDataModule,
        PrivacyModule.forApi(),
      ],
    };
  }
}
