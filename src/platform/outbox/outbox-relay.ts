import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { Metrics, OutboxBacklog } from '../metrics/metrics';
import { JobName, JobPayloads } from '../queue/job-catalog';
import { JobQueue } from '../queue/job-queue.service';

/** The channel committed outbox writes NOTIFY; NOTIFY is delivered only when the transaction commits. */
export const OUTBOX_CHANNEL = 'clusterlink_outbox';

export interface OutboxJob<N extends JobName = JobName> {
  name: N;
  payload: JobPayloads[N];
  jobId: string;
}

/**
 * A table that holds committed work for the queue. `pick` runs inside the relay's transaction:
 * it selects rows due for the queue `FOR UPDATE SKIP LOCKED` (so relays in several workers never
 * take the same row), marks them enqueued, and returns their jobs. The jobs are added to BullMQ
 * before that transaction commits; if adding fails the marks roll back and the rows are picked
 * again. Job ids are row ids, so a row picked twice still makes one job.
 */
export interface OutboxSource {
  readonly name: string;
  pick(em: EntityManager, limit: number, requeueAfterSeconds: number): Promise<OutboxJob[]>;
  /** Rows committed and not yet delivered: how many, and the oldest one's age (for /metrics). */
  backlog(em: EntityManager): Promise<Omit<OutboxBacklog, 'source'>>;
}

/** Tells relays that outbox rows were written; call it inside the writing transaction. */
export async function signalOutbox(em: EntityManager): Promise<void> {
  await em.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
}

/**
 * Moves committed outbox rows to BullMQ, in the worker. Wakes on LISTEN/NOTIFY and sweeps every
 * second anyway (a missed notification, a restarted Redis that lost its jobs: rows enqueued long
 * ago and still not done are enqueued again).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly sources: OutboxSource[] = [];
  private listener: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    metrics: Metrics,
  ) {
    metrics.probeOutbox(() => Promise.all(this.sources.map(async (source) => ({ source: source.name, ...(await source.backlog(this.dataSource.manager)) }))));
  }

  register(source: OutboxSource): void {
    this.sources.push(source);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.timer = setInterval(() => this.wake(), this.config.OUTBOX_SWEEP_MS);
    await this.listen();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Drains now, or once more right after the drain in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainAll()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'outbox relay pass failed; retrying on the next sweep'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async drainAll(): Promise<void> {
    for (const source of this.sources) {
      for (;;) {
        const count = await this.dataSource.transaction(async (em) => {
          const jobs = await source.pick(em, this.config.OUTBOX_BATCH_SIZE, this.config.OUTBOX_REQUEUE_AFTER_SECONDS);
          if (jobs.length > 0) await this.jobs.addBulk(jobs);
          return jobs.length;
        });
        if (count < this.config.OUTBOX_BATCH_SIZE || this.stopped) break;
      }
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'clusterlink-relay' });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      // The sweep keeps the relay going; reconnect the listener in the background.
      this.logger.warn({ err: error }, 'outbox listener lost its connection; sweeping until it is back');
      this.listener = null;
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 2_000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
  }
}
