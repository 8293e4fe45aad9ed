import { Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a fast cached read to a slow export or a full matching rebuild. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const RUN_BUCKETS = [0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800];

/** What one outbox table holds that is not delivered yet. */
export interface OutboxBacklog {
  source: string;
  pending: number;
  /** Age in seconds of the oldest undelivered row; 0 when there is none. */
  oldestAgeSeconds: number;
}

/** Jobs per state, for one queue (BullMQ's getJobCounts). */
export type QueueCounts = Record<string, number>;

/**
 * Every metric a process exports, on its own registry (not prom-client's global one, so two
 * applications in one process never share counters). Metrics that are read rather than counted
 * (queue depth, outbox backlog) ask a probe at scrape time; the worker installs the probes, so
 * the API's registry exports them without samples.
 */
export class Metrics {
  private readonly logger = new Logger('Metrics');
  readonly registry = new Registry();
  private queueProbe: (() => Promise<Record<string, QueueCounts>>) | null = null;
  private outboxProbe: (() => Promise<OutboxBacklog[]>) | null = null;

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern (not the raw URL) and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'clusterlink_job_duration_seconds',
    help: 'Time a worker spent on one job run, by queue, job name and outcome (completed or failed).',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly matchingRunDuration = new Histogram({
    name: 'clusterlink_matching_run_duration_seconds',
    help: 'Channel matching runs from start to completion: full rebuilds (all shards and the finaliser) and single-organisation refreshes.',
    labelNames: ['kind', 'trigger'] as const,
    buckets: RUN_BUCKETS,
    registers: [this.registry],
  });

  readonly mailFailures = new Counter({
    name: 'clusterlink_mail_send_failures_total',
    help: 'Messages the SMTP server did not accept, by SMTP reply class (4xx transient, 5xx permanent, none: no reply, e.g. a connection failure).',
    labelNames: ['reply'] as const,
    registers: [this.registry],
  });

  constructor(processName: 'api' | 'worker') {
    const metrics = this;
    this.registry.setDefaultLabels({ process: processName });
    collectDefaultMetrics({ register: this.registry });

    new Gauge({
      name: 'clusterlink_queue_jobs',
      help: 'Jobs in each BullMQ queue by state (waiting, active, delayed, prioritized, waiting-children, failed, completed), read at scrape time.',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const counts = await metrics.probe('queue', metrics.queueProbe);
        for (const [queue, states] of Object.entries(counts ?? {})) {
          for (const [state, count] of Object.entries(states)) this.set({ queue, state }, count);
        }
      },
    });
    // Both outbox gauges come from one read per scrape: a scrape collects every metric in the same
    // tick, so the second gauge finds the first one's read still in flight and shares it.
    let inFlight: Promise<OutboxBacklog[] | null> | null = null;
    const backlog = () => (inFlight ??= metrics.probe('outbox', metrics.outboxProbe).finally(() => { inFlight = null; }));
    new Gauge({
      name: 'clusterlink_outbox_pending',
      help: 'Outbox rows committed but not yet delivered (domain events not dispatched, notifications not mailed), per outbox table.',
      labelNames: ['source'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of (await backlog()) ?? []) this.set({ source: row.source }, row.pending);
      },
    });
    new Gauge({
      name: 'clusterlink_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest undelivered outbox row per outbox table (0 when none): how far delivery lags behind commits.',
      labelNames: ['source'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of (await backlog()) ?? []) this.set({ source: row.source }, row.oldestAgeSeconds);
      },
    });
  }

  /** The worker tells how to read queue depth; read on each scrape. */
  probeQueues(probe: () => Promise<Record<string, QueueCounts>>): void {
    this.queueProbe = probe;
  }

  /** The worker tells how to read the outbox backlog; read on each scrape. */
  probeOutbox(probe: () => Promise<OutboxBacklog[]>): void {
    this.outboxProbe = probe;
  }

  /** A probe that fails (Redis or PostgreSQL away) leaves its gauge empty rather than failing the scrape. */
  private async probe<T>(what: string, probe: (() => Promise<T>) | null): Promise<T | null> {
    if (!probe) return null;
    try {
      return await probe();
    } catch (error) {
      this.logger.warn({ err: error }, `metrics: could not read the ${what}`);
      return null;
    }
  }
}
