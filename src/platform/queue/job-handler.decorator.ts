import { SetMetadata } from '@nestjs/common';
import { JobName } from './job-catalog';

export const JOB_HANDLER = 'queue:jobHandler';

/** Marks a provider method as the one handler of a catalogued job. The method must be idempotent. */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);
