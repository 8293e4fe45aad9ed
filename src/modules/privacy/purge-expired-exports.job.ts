import { Injectable, Logger } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { PersonalDataExport } from './personal-data-export.entity';

/** Stored exports are full copies of a person's data: gone once their link expires. Idempotent. */
@Injectable()
export class PurgeExpiredExportsJob {
  private readonly logger = new Logger('PurgeExpiredExportsJob');

  constructor(private readonly uow: UnitOfWork) {}

  @JobHandler('privacy.purge-expired-exports')
  async run(): Promise<{ exports: number }> {
    const result = await this.uow.reader.delete(PersonalDataExport, { expiresAt: LessThan(new Date()) });
    const exports = result.affected ?? 0;
    if (exports > 0) this.logger.log({ exports }, 'purged expired personal-data exports');
    return { exports };
  }
}
