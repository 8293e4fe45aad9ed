import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { NotFoundError } from '../../platform/http/domain-error';
import { Page, PageQuery, paginate } from '../../platform/http/pagination';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../identity/users.service';
import { directoryAccess } from './directory-access';
import { LastOwnerError, NotAllowedError } from './directory.errors';
import { MemberView } from './dto/member.dto';
import { MembershipsService } from './memberships.service';
import { OrganisationMember } from './organisation-member.entity';
import { OrganisationsService } from './organisations.service';
import { PendingInvitationsService } from './pending-invitations.service';

/** The people who act for an organisation. Visible to its members and its cluster's staff. */
@Injectable()
export class MembersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly memberships: MembershipsService,
    private readonly invitations: PendingInvitationsService,
  ) {}

  /** Newest members first, a page at a time. */
  async list(actor: Actor, organisationId: string, query: PageQuery): Promise<Page<MemberView>> {
    await this.organisations.visible(this.uow.reader, actor, organisationId);
    const qb = this.uow.reader.createQueryBuilder(OrganisationMember, 'm').where('m.organisation_id = :organisationId', { organisationId });
    const page = await paginate(qb, query, { property: 'userId', column: 'user_id' });
    const users = await this.users.summaries(page.items.map((m) => m.userId));
    const items = page.items.flatMap((m) => {
      const user = users.get(m.userId);
      return user
        ? [{ userId: m.userId, displayName: user.displayName, email: user.email, role: m.role, since: m.createdAt.toISOString() }]
        : [];
    });
    return { items, nextCursor: page.nextCursor };
  }

  /** The users who act for any of these organisations (e.g. the parties of an approval). */
  async userIdsOf(em: EntityManager, organisationIds: string[]): Promise<string[]> {
    if (organisationIds.length === 0) return [];
    const rows = await em.find(OrganisationMember, { where: { organisationId: In(organisationIds) } });
    return [...new Set(rows.map((r) => r.userId))];
  }

  async remove(actor: Actor, organisationId: string, userId: string): Promise<void> {
    await this.uow.run(async (em) => {
      actor = await this.memberships.current(em, actor);
      const org = await this.organisations.visible(em, actor, organisationId, true);
      if (!directoryAccess.managesMembers(actor, org) && actor.userId !== userId) {
        throw new NotAllowedError('Only an owner of the organisation or cluster staff can remove members.');
      }
      const member = await em.findOneBy(OrganisationMember, { organisationId, userId });
      if (!member) throw new NotFoundError('The member', 'directory.member_not_found');
      if (member.role === 'owner' && (await em.countBy(OrganisationMember, { organisationId, role: 'owner' })) === 1) {
        throw new LastOwnerError();
      }
      await em.delete(OrganisationMember, { organisationId, userId });
      // What they invited others to would outlive them: their pending invitations go too.
      const revoked = await this.invitations.revokeSentBy(em, actor, organisationId, userId);
      await this.audit.record(em, actor, {
        action: 'organisation.member_removed', subjectKind: 'organisation', subjectId: organisationId, clusterId: org.clusterId,
        before: { userId, role: member.role }, after: { invitationsRevoked: revoked },
      });
    });
  }
}
