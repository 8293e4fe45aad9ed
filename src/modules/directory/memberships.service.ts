import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../../platform/auth/actor';
import { MembershipLookup } from '../../platform/auth/membership-lookup';

/**
 * Write access follows the memberships as they are now, not as the access token recorded them.
 * A token lists the organisations its holder acted for when it was issued and lives up to
 * JWT_ACCESS_TTL_SECONDS; reads may trust it for that long, writes may not. Every use case that
 * changes something for an organisation starts its transaction with `current(em, actor)` and
 * checks access with the actor it returns, so a removed member's next write is refused (404 where
 * they no longer see the record, 403 where they still do) as soon as the removal has committed.
 */
@Injectable()
export class MembershipsService {
  constructor(private readonly lookup: MembershipLookup) {}

  /** The actor with the organisations they act for re-read in this transaction. */
  async current(em: EntityManager, actor: Actor): Promise<Actor> {
    return { ...actor, organisations: await this.lookup.forUser(actor.userId, em) };
  }
}
