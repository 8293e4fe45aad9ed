import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { excessAuditRights } from './app-role';

/**
 * The API and the worker must connect as a role that can only append to the audit trail
 * (docs/adr/0012). In production a broader role stops the boot; elsewhere it is logged, so a
 * developer pointing DATABASE_URL at a superuser still gets a running service.
 */
@Injectable()
export class DatabaseRoleCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger(DatabaseRoleCheck.name);

  constructor(private readonly ds: DataSource, @InjectConfig() private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const excess = await excessAuditRights(this.ds);
    if (excess.length === 0) return;
    const message = `DATABASE_URL's role ${excess.join(', ')}: connect the API and worker as the application's role `
      + 'and run migrations with DATABASE_MIGRATION_URL (README, "Database roles")';
    if (this.config.NODE_ENV === 'production') throw new Error(message);
    this.logger.warn(message);
  }
}
