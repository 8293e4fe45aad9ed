import { Injectable, SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { signalOutbox } from '../outbox/outbox-relay';
import { DomainEvent } from './domain-event.entity';
import { DomainEvents, DomainEventType } from './event-catalog';

export const DOMAIN_EVENT_HANDLER = 'events:handler';

/**
 * Marks a worker-side provider method as a handler of a domain event. It runs after the
 * publishing transaction committed, possibly more than once: it must be idempotent.
 */
export const OnDomainEvent = (type: DomainEventType): MethodDecorator => SetMetadata(DOMAIN_EVENT_HANDLER, type);

/** Publishes events through the outbox: they exist only if the publishing transaction commits. */
@Injectable()
export class EventBus {
  async publish<T extends DomainEventType>(em: EntityManager, type: T, payload: DomainEvents[T]): Promise<void> {
    await em.save(em.create(DomainEvent, { type, payload: { ...payload } }));
    await signalOutbox(em);
  }
}
