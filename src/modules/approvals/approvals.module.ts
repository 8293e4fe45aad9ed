import { DynamicModule, Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ApprovalsQueueService } from './approvals-queue.service';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { DecideApprovalService } from './decide-approval.service';
import { ApprovalsPersonalData } from './personal-data/approvals-personal-data.contributor';
import { RemindOverdueJob } from './remind-overdue.job';

const forApi: DynamicModule = {
  module: class ApprovalsApiModule {},
  imports: [IdentityModule.forApi(), DirectoryModule.forApi(), NotificationsModule.forApi()],
  controllers: [ApprovalsController],
  providers: [ApprovalsService, ApprovalsQueueService, DecideApprovalService, ApprovalsPersonalData],
  exports: [ApprovalsService],
};
const forWorker: DynamicModule = {
  module: class ApprovalsWorkerModule {},
  imports: [IdentityModule.forWorker(), DirectoryModule.forWorker(), NotificationsModule.forWorker()],
  providers: [ApprovalsService, RemindOverdueJob],
  exports: [ApprovalsService],
};

/** One review queue for every kind of staff decision. */
@Module({})
export class ApprovalsModule {
  static forApi(): DynamicModule {
    return forApi;
  }

  static forWorker(): DynamicModule {
    return forWorker;
  }
}
