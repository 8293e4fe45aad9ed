import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule } from './config/config.module';
import { AuthPlatformModule } from './platform/auth/auth.module';
import { DatabaseModule } from './platform/database/database.module';
import { MailModule } from './platform/mail/mail.module';
import { QueueModule } from './platform/queue/queue.module';
import { DirectoryModule } from './modules/directory/directory.module';
import { IdentityModule } from './modules/identity/identity.module';

/** The worker process: BullMQ processors, scheduled jobs and mail delivery; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(),
        DatabaseModule,
        QueueModule.forWorker(),
        AuthPlatformModule,
        MailModule.forWorker(),
        IdentityModule.forWorker(),
        DirectoryModule.forWorker(),
      ],
    };
  }
}
