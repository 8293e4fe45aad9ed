import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditPersonalData } from './audit-personal-data.contributor';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { PersonalDataKeys } from './personal-data-keys.service';

/** The append-only trail. Global: every module records through AuditService in its own transaction. */
@Global()
@Module({})
export class AuditModule {
  static forApi(): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditController],
      providers: [AuditService, PersonalDataKeys, AuditPersonalData],
      exports: [AuditService],
    };
  }

  static forWorker(): DynamicModule {
    return { module: AuditModule, providers: [AuditService, PersonalDataKeys], exports: [AuditService] };
  }
}
