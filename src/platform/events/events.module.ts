import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxRelay } from '../outbox/outbox-relay';
import { EventBus } from './event-bus';
import { EventDispatcher } from './event-dispatcher';

/** Domain events through the outbox. Publishing anywhere; relaying and dispatching in the worker. */
@Global()
@Module({})
export class EventsModule {
  static forApi(): DynamicModule {
    return { module: EventsModule, providers: [EventBus], exports: [EventBus] };
  }

  static forWorker(): DynamicModule {
    return {
      module: EventsModule,
      imports: [DiscoveryModule],
      providers: [EventBus, OutboxRelay, EventDispatcher],
      exports: [EventBus, OutboxRelay],
    };
  }
}
