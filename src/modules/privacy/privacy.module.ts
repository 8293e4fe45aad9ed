import { DynamicModule, Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ErasureService } from './erasure.service';
import { PersonalDataExportService } from './personal-data-export.service';
import { PrivacyPersonalData } from './privacy-personal-data.contributor';
import { PrivacyController } from './privacy.controller';
import { PurgeExpiredExportsJob } from './purge-expired-exports.job';

/**
 * Personal-data export and erasure across every module, through the contributors the modules
 * register with the PersonalDataRegistry. The API serves both; the worker purges expired exports.
 */
@Module({})
export class PrivacyModule {
  static forApi(): DynamicModule {
    return {
      module: PrivacyModule,
      imports: [IdentityModule.forApi(), NotificationsModule.forApi()],
      controllers: [PrivacyController],
      providers: [PersonalDataExportService, ErasureService, PrivacyPersonalData],
    };
  }

  static forWorker(): DynamicModule {
    return { module: PrivacyModule, providers: [PurgeExpiredExportsJob] };
  }
}
