import { DynamicModule, Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { DirectoryModule } from '../directory/directory.module';
import { ChannelsController, ProductsController } from './catalogue/catalogue.controller';
import { CatalogueChanges } from './catalogue/catalogue-changes';
import { CatalogueService } from './catalogue/catalogue.service';
import { ComplementarityRulesController } from './rules/complementarity-rules.controller';
import { ComplementarityRulesService } from './rules/complementarity-rules.service';
import { NotificationsModule } from '../notifications/notifications.module';
import { ChannelMatchesController } from './matches/channel-matches.controller';
import { ChannelMatchesService } from './matches/channel-matches.service';
import { MatchLifecycleJobs } from './matches/match-lifecycle.jobs';
import { MatchNotifier } from './matches/match-notifier';
import { MatchReader } from './matches/match-reader';
import { MatchingJobs } from './runs/matching-jobs';
import { RunReconcilerJobs } from './runs/run-reconciler.jobs';
import { MatchingRunsController } from './runs/matching-runs.controller';
import { MatchingRunsService } from './runs/matching-runs.service';
import { ProposalWriter } from './runs/proposal-writer';
import { ChannelSharingPersonalData } from './personal-data/channel-sharing-personal-data.contributor';

const forApi: DynamicModule = {
  module: class ChannelSharingApiModule {},
  imports: [DirectoryModule.forApi(), ApprovalsModule.forApi(), NotificationsModule.forApi()],
  controllers: [ProductsController, ChannelsController, ComplementarityRulesController, MatchingRunsController, ChannelMatchesController],
  providers: [
    CatalogueService, CatalogueChanges, ComplementarityRulesService, MatchingRunsService, ChannelMatchesService, MatchNotifier, MatchReader, ProposalWriter,
    ChannelSharingPersonalData,
  ],
};
const forWorker: DynamicModule = {
  module: class ChannelSharingWorkerModule {},
  imports: [DirectoryModule.forWorker(), ApprovalsModule.forWorker(), NotificationsModule.forWorker()],
  providers: [MatchingRunsService, MatchingJobs, RunReconcilerJobs, ProposalWriter, MatchLifecycleJobs, MatchNotifier, MatchReader],
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
