import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventBus } from '../../../platform/events/event-bus';
import { CatalogueChange } from './catalogue-change.entity';

/**
 * Records that an organisation's catalogue changed, in the caller's transaction: a row this
 * module owns (what a run's snapshot re-reads) and the `channel_sharing.catalogue_changed`
 * event (which schedules the organisation's refresh).
 */
@Injectable()
export class CatalogueChanges {
  constructor(private readonly events: EventBus) {}

  async record(em: EntityManager, change: { organisationId: string; clusterId: string }): Promise<void> {
    await em.insert(CatalogueChange, { organisationId: change.organisationId, clusterId: change.clusterId });
    await this.events.publish(em, 'channel_sharing.catalogue_changed', change);
  }

  /** Drops what no run can still need (a run reads its snapshot in minutes). */
  static async prune(em: EntityManager): Promise<void> {
    await em.query("DELETE FROM catalogue_changes WHERE changed_at < now() - interval '1 day'");
  }
}
