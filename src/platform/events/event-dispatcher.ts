import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EntityManager, IsNull } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { OutboxJob, OutboxRelay, OutboxSource } from '../outbox/outbox-relay';
import { JobHandler } from '../queue/job-handler.decorator';
import { DomainEvent } from './domain-event.entity';
import { DOMAIN_EVENT_HANDLER } from './event-bus';

type Handler = (payload: unknown, event: DomainEvent) => Promise<unknown>;

/**
 * Worker side of domain events: relays committed events to the `events` queue and runs every
 * handler of an event's type. The event is marked dispatched once all handlers succeeded; a
 * failing handler makes the job retry (handlers are idempotent, so the others may run again).
 */
@Injectable()
export class EventDispatcher implements OnModuleInit, OutboxSource {
  readonly name = 'domain_events';
  private readonly logger = new Logger('EventDispatcher');
  private readonly handlers = new Map<string, Handler[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly relay: OutboxRelay,
    private readonly uow: UnitOfWork,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const type = this.reflector.get<string | undefined>(DOMAIN_EVENT_HANDLER, instance[method] as () => unknown);
        if (!type) continue;
        this.handlers.set(type, [...(this.handlers.get(type) ?? []), (instance[method] as Handler).bind(instance)]);
      }
    }
    this.relay.register(this);
  }

  async pick(em: EntityManager, limit: number, requeueAfterSeconds: number): Promise<OutboxJob[]> {
    const rows: { id: string }[] = await em.query(
      // A top-level SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH picked AS (
         SELECT id FROM domain_events
         WHERE dispatched_at IS NULL AND (enqueued_at IS NULL OR enqueued_at < now() - make_interval(secs => $2))
         ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED),
       marked AS (UPDATE domain_events e SET enqueued_at = now() FROM picked WHERE e.id = picked.id RETURNING e.id)
       SELECT id FROM marked`,
      [limit, requeueAfterSeconds],
    );
    return rows.map((r) => ({ name: 'events.dispatch' as const, payload: { eventId: r.id }, jobId: r.id }));
  }

  async backlog(em: EntityManager): Promise<{ pending: number; oldestAgeSeconds: number }> {
    // Served by the partial index ix_domain_events_undispatched: only undelivered rows are read.
    const [row]: { pending: number; age: number }[] = await em.query(
      `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age
       FROM domain_events WHERE dispatched_at IS NULL`,
    );
    return { pending: row.pending, oldestAgeSeconds: row.age };
  }

  @JobHandler('events.dispatch')
  async dispatch({ eventId }: { eventId: string }): Promise<{ handlers: number } | { skipped: string }> {
    const event = await this.uow.reader.findOneBy(DomainEvent, { id: eventId });
    if (!event) return { skipped: 'unknown event' };
    if (event.dispatchedAt) return { skipped: 'already dispatched' };
    const handlers = this.handlers.get(event.type) ?? [];
    for (const handler of handlers) await handler(event.payload, event);
    await this.uow.reader.update(DomainEvent, { id: eventId, dispatchedAt: IsNull() }, { dispatchedAt: new Date() });
    if (handlers.length === 0) this.logger.debug({ type: event.type }, 'no handler for event type');
    return { handlers: handlers.length };
  }
}
