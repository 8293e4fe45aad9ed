import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { Actor, hasRole } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { InvalidTransitionError } from '../../platform/http/domain-error';
import { Page, PageQuery, paginate } from '../../platform/http/pagination';
import { AuditService } from '../audit/audit.service';
import { ClustersService } from './clusters.service';
import { directoryAccess } from './directory-access';
import { InvitationNotFoundError, NotAllowedError } from './directory.errors';
import { InvitationView } from './dto/member.dto';
import { Invitation } from './invitation.entity';
import { invitationStatus, invitationView } from './invitation-view';
import { MembershipsService } from './memberships.service';
import { OrganisationsService } from './organisations.service';

/** Which invitations a list or a revocation is about: one organisation's, or one cluster's staff invitations. */
type Scope = { organisationId: string } | { clusterId: string };

/**
 * Invitations sent but not yet accepted: the organisation's owners and its cluster's staff list
 * and revoke the organisation's, admins a cluster's staff invitations. A revoked invitation can no
 * longer be accepted; removing a member revokes the invitations they sent for that organisation.
 * Every revocation is audited.
 */
@Injectable()
export class PendingInvitationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organisations: OrganisationsService,
    private readonly clusters: ClustersService,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
  ) {}

  /** Pending (not accepted, revoked or expired), newest first. */
  async list(actor: Actor, scope: Scope, query: PageQuery): Promise<Page<InvitationView>> {
    const em = this.uow.reader;
    await this.authorise(em, actor, scope);
    const qb = em.createQueryBuilder(Invitation, 'i')
      .where('i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()');
    if ('organisationId' in scope) qb.andWhere('i.organisation_id = :org', { org: scope.organisationId });
    else qb.andWhere("i.cluster_id = :cluster AND i.kind = 'staff'", { cluster: scope.clusterId });
    const page = await paginate(qb, query);
    return { items: page.items.map(invitationView), nextCursor: page.nextCursor };
  }

  /** Revokes a pending invitation; one already accepted, revoked or expired is a 409 naming its state. */
  async revoke(actor: Actor, scope: Scope, invitationId: string): Promise<void> {
    await this.uow.run(async (em) => {
      const current = await this.authorise(em, actor, scope, true);
      const invitation = await em.findOne(Invitation, {
        where: 'organisationId' in scope
          ? { id: invitationId, organisationId: scope.organisationId }
          : { id: invitationId, clusterId: scope.clusterId, kind: 'staff' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) throw new InvitationNotFoundError();
      const status = invitationStatus(invitation);
      if (status !== 'pending') throw new InvalidTransitionError('The invitation', status, 'be revoked');
      await this.markRevoked(em, current, [invitation], 'revoked');
    });
  }

  /** In the caller's transaction: revokes what this person invited to the organisation and is still pending. */
  async revokeSentBy(em: EntityManager, actor: Actor, organisationId: string, inviterId: string): Promise<number> {
    const pending = await em.find(Invitation, {
      where: { organisationId, invitedBy: inviterId, acceptedAt: IsNull(), revokedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    const live = pending.filter((i) => invitationStatus(i) === 'pending');
    await this.markRevoked(em, actor, live, 'inviter_removed');
    return live.length;
  }

  private async markRevoked(em: EntityManager, actor: Actor, invitations: Invitation[], reason: 'revoked' | 'inviter_removed') {
    const revokedAt = new Date();
    for (const invitation of invitations) {
      await em.update(Invitation, { id: invitation.id, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt, revokedBy: actor.userId });
      const before = invitationView(invitation);
      await this.audit.record(em, actor, {
        action: 'invitation.revoked', subjectKind: 'invitation', subjectId: invitation.id, clusterId: invitation.clusterId,
        before: { status: before.status }, after: { status: 'revoked', reason, email: invitation.email },
      });
    }
  }

  /**
   * Organisation scope: its owners (memberships re-read for a revocation), its cluster's staff and
   * admins; members who are not owners get 403, anyone who may not see it 404. Cluster scope: admins.
   * Returns the actor to record the change with.
   */
  private async authorise(em: EntityManager, actor: Actor, scope: Scope, write = false): Promise<Actor> {
    if ('clusterId' in scope) {
      if (!hasRole(actor, 'admin')) throw new NotAllowedError('Only an administrator manages staff invitations.');
      await this.clusters.require(em, scope.clusterId);
      return actor;
    }
    const current = write ? await this.memberships.current(em, actor) : actor;
    const org = await this.organisations.visible(em, current, scope.organisationId);
    if (!directoryAccess.managesMembers(current, org)) {
      throw new NotAllowedError('Only an owner of the organisation or cluster staff manage its invitations.');
    }
    return current;
  }
}
