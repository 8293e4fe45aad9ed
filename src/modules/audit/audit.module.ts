import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** The append-only trail. Global: every module records through AuditService in its own transaction. */
@Global()
@Module({})
export class AuditModule {
  static forApi(): DynamicModule {
    return { module: AuditModule, controllers: [AuditController], providers: [AuditService], exports: [AuditService] };
  }

  static forWorker(): DynamicModule {
    return { module: AuditModule, providers: [AuditService], exports: [AuditService] };
  }
}
