import { DynamicModule, Module } from '@nestjs/common';
import { MailModule } from '../../platform/mail/mail.module';
import { DailyDigestJob } from './daily-digest.job';
import { DeliverNotificationJob } from './deliver-notification.job';
import { DeliveriesService } from './deliveries.service';
import { FeedService } from './feed.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotificationsPersonalData } from './personal-data/notifications-personal-data.contributor';
import { PreferencesService } from './preferences.service';

const forApi: DynamicModule = {
  module: class NotificationsApiModule {},
  controllers: [NotificationsController],
  providers: [NotificationsService, FeedService, DeliveriesService, PreferencesService, NotificationsPersonalData],
  exports: [NotificationsService],
};
const forWorker: DynamicModule = {
  module: class NotificationsWorkerModule {},
  imports: [MailModule],
  providers: [NotificationsService, DeliverNotificationJob, DailyDigestJob],
  exports: [NotificationsService],
};

/** Outbox notifications: written by any module in its transaction, mailed by the worker, listed in-app. */
@Module({})
export class NotificationsModule {
  static forApi(): DynamicModule {
    return forApi;
  }

  static forWorker(): DynamicModule {
    return forWorker;
  }
}
