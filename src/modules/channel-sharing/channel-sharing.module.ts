import { DynamicModule, Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { DirectoryModule } from '../directory/directory.module';
import { ChannelsController, ProductsController } from './catalogue.controller';
import { CatalogueService } from './catalogue.service';
import { ComplementarityRulesController } from './complementarity-rules.controller';
import { ComplementarityRulesService } from './complementarity-rules.service';
import { NotificationsModule } from '../notifications/notifications.module';
import { ChannelMatchesController } from './channel-matches.controller';
import { ChannelMatchesService } from './channel-matches.service';
import { MatchLifecycleJobs } from './match-lifecycle.jobs';
import { MatchNotifier } from './match-notifier';
import { MatchingJobs } from './matching-jobs';
import { RunReconcilerJobs } from './run-reconciler.jobs';
import { MatchingRunsController } from './matching-runs.controller';
import { MatchingRunsService } from './matching-runs.service';
import { ProposalWriter } from './proposal-writer';
import { ChannelSharingPersonalData } from './personal-data/channel-sharing-personal-data.contributor';

const forApi: DynamicModule = {
  module: class ChannelSharingApiModule {},
  imports: [DirectoryModule.forApi(), ApprovalsModule.forApi(), NotificationsModule.forApi()],
  controllers: [ProductsController, ChannelsController, ComplementarityRulesController, MatchingRunsController, ChannelMatchesController],
  providers: [
    CatalogueService, ComplementarityRulesService, MatchingRunsService, ChannelMatchesService, MatchNotifier, ProposalWriter,
    ChannelSharingPersonalData,
  ],
};
const forWorker: DynamicModule = {
  module: class ChannelSharingWorkerModule {},
  imports: [DirectoryModule.forWorker(), ApprovalsModule.forWorker(), NotificationsModule.forWorker()],
  providers: [MatchingRunsService, MatchingJobs, RunReconcilerJobs, ProposalWriter, MatchLifecycleJobs, MatchNotifier],
};

/** Channel network sharing: catalogue, complementarity, matching, match lifecycle. */
@Module({})
export class ChannelSharingModule {
  static forApi(): DynamicModule {
    return forApi;
  }

  static forWorker(): DynamicModule {
    return forWorker;
  }
}
