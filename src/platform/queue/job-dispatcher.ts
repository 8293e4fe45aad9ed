import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JOB_CATALOG, JobName } from './job-catalog';
import { JOB_HANDLER } from './job-handler.decorator';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

export class MissingJobHandlerError extends Error {}

/**
 * Finds every @JobHandler at boot and routes jobs to them. A catalogued job with no handler, or
 * with two, stops the worker from starting: a job nobody processes would wait forever.
 */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private readonly logger = new Logger('JobDispatcher');
  private readonly handlers = new Map<string, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, instance[method] as () => unknown);
        if (!name) continue;
        if (this.handlers.has(name)) {
          throw new MissingJobHandlerError(`Job ${name} has two handlers; it must have exactly one.`);
        }
        this.handlers.set(name, (instance[method] as Handler).bind(instance));
      }
    }
    const missing = Object.keys(JOB_CATALOG).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) {
      throw new MissingJobHandlerError(`No handler for job(s): ${missing.join(', ')}`);
    }
    this.logger.log(`handlers ready for ${this.handlers.size} job types`);
  }

  handlerNames(): string[] {
    return [...this.handlers.keys()];
  }

  async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) {
      throw new MissingJobHandlerError(`No handler for job ${job.name}`);
    }
    return handler(job.data, job);
  }
}
