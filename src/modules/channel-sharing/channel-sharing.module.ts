import { DynamicModule, Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { ChannelsController, ProductsController } from './catalogue.controller';
import { CatalogueService } from './catalogue.service';
import { ComplementarityRulesController } from './complementarity-rules.controller';
import { ComplementarityRulesService } from './complementarity-rules.service';

const forApi: DynamicModule = {
  module: class ChannelSharingApiModule {},
  imports: [DirectoryModule.forApi()],
  controllers: [ProductsController, ChannelsController, ComplementarityRulesController],
  providers: [CatalogueService, ComplementarityRulesService],
};
const forWorker: DynamicModule = {
  module: class ChannelSharingWorkerModule {},
  imports: [DirectoryModule.forWorker()],
  providers: [],
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
