import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { Actor, hasRole } from '../../platform/auth/actor';
import { hashSecretToken, newSecretToken } from '../../platform/auth/secret-token';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { ValidationFailedError } from '../../platform/http/domain-error';
import { AuditService } from '../audit/audit.service';
import { SessionService, TokenPair } from '../identity/session.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersService } from '../identity/users.service';
import { ClustersService } from './clusters.service';
import { directoryAccess } from './directory-access';
import { AlreadyMemberError, InvalidInvitationError, InvitationEmailTakenError, NotAllowedError } from './directory.errors';
import { AcceptInvitationDto, InvitationView, InviteMemberDto } from './dto/member.dto';
import { Invitation } from './invitation.entity';
import { MembershipsService } from './memberships.service';
import { invitationView } from './invitation-view';
import { OrganisationMember } from './organisation-member.entity';
import { OrganisationsService } from './organisations.service';

/**
 * Accounts that act for a cluster or an organisation start from an emailed invitation: an admin
 * invites cluster staff, staff or an owner invite organisation members. Accepting proves the
 * address, so the account is verified.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationsService,
    private readonly clusters: ClustersService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly memberships: MembershipsService,
  ) {}

  async inviteStaff(actor: Actor, clusterId: string, email: string): Promise<InvitationView> {
    if (!hasRole(actor, 'admin')) throw new NotAllowedError('Only an administrator creates staff accounts.');
    return this.uow.run(async (em) => {
      const cluster = await this.clusters.require(em, clusterId);
      return this.create(em, actor, { email, kind: 'staff', clusterId, organisationId: null, organisationRole: null },
        `to join ${cluster.name} as cluster staff`);
    });
  }

  async inviteMember(actor: Actor, organisationId: string, dto: InviteMemberDto): Promise<InvitationView> {
    return this.uow.run(async (em) => {
      actor = await this.memberships.current(em, actor);
      const org = await this.organisations.visible(em, actor, organisationId);
      if (!directoryAccess.managesMembers(actor, org)) {
        throw new NotAllowedError('Only an owner of the organisation or cluster staff can invite members.');
      }
      const existing = await this.users.findByEmail(em, dto.email);
      if (existing && (await em.exists(OrganisationMember, { where: { organisationId, userId: existing.id } }))) {
        throw new AlreadyMemberError();
      }
      return this.create(em, actor, {
        email: dto.email, kind: 'organisation_member', clusterId: org.clusterId, organisationId, organisationRole: dto.role,
      }, `to act for ${org.name} as ${dto.role}`);
    });
  }

  /**
   * Accepts with a new account, with the password of the existing verified account of that email,
   * or, for an account that never confirmed the address, by setting its password (the mailed
   * token proves the mailbox).
   */
  async accept(dto: AcceptInvitationDto): Promise<TokenPair> {
    return this.uow.run(async (em) => {
      const invitation = await em.findOne(Invitation, {
        where: { tokenHash: hashSecretToken(dto.token), acceptedAt: IsNull(), revokedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation || invitation.expiresAt.getTime() <= Date.now()) throw new InvalidInvitationError();
      let user = await this.users.findByEmail(em, invitation.email);
      if (user && !user.emailVerifiedAt) {
        user = await this.users.claimUnverified(em, user, dto.password);
      } else if (user) {
        if (!(await this.users.checkPassword(user, dto.password))) throw new InvitationEmailTakenError();
      } else {
        if (!dto.displayName) {
          throw new ValidationFailedError([{ field: 'displayName', messages: ['displayName is required for a new account'] }]);
        }
        user = await this.users.createInvited(em, {
          email: invitation.email, displayName: dto.displayName, password: dto.password, roles: [],
        });
      }
      if (invitation.kind === 'staff') {
        user = await this.users.assignStaff(em, user.id, invitation.clusterId);
      } else {
        user = await this.users.grant(em, user.id, ['member']);
        await em.createQueryBuilder().insert().into(OrganisationMember)
          .values({ organisationId: invitation.organisationId!, userId: user.id, role: invitation.organisationRole! })
          .orIgnore().execute();
      }
      await em.update(Invitation, { id: invitation.id }, { acceptedAt: new Date() });
      await this.audit.record(em, { userId: user.id, roles: user.roles, clusterId: user.staffClusterId, organisations: [] }, {
        action: 'invitation.accepted', subjectKind: 'invitation', subjectId: invitation.id, clusterId: invitation.clusterId,
        after: { userId: user.id, kind: invitation.kind, organisationId: invitation.organisationId, role: invitation.organisationRole },
      });
      return this.sessions.start(em, user);
    });
  }

  private async create(
    em: EntityManager,
    actor: Actor,
    fields: Pick<Invitation, 'email' | 'kind' | 'clusterId' | 'organisationId' | 'organisationRole'>,
    what: string,
  ): Promise<InvitationView> {
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(Date.now() + this.config.EMAIL_TOKEN_TTL_HOURS * 3600 * 1000);
    const invitation = await em.save(em.create(Invitation, { ...fields, tokenHash: hash, invitedBy: actor.userId, expiresAt, acceptedAt: null, revokedAt: null, revokedBy: null }));
    await this.audit.record(em, actor, {
      action: 'invitation.created', subjectKind: 'invitation', subjectId: invitation.id, clusterId: fields.clusterId,
      after: invitationView(invitation),
      dataSubject: { email: fields.email },
    });
    // An outbox row of this transaction: a rolled-back invitation mails nobody.
    await this.notifications.notify(em, {
      to: { email: fields.email },
      category: 'security',
      template: 'directory.invitation',
      data: {
        what,
        link: `${this.config.APP_URL}/accept-invitation#token=${encodeURIComponent(token)}`,
        acceptUrl: `${this.config.APP_URL}/api/v1/invitations/accept`,
        token,
        expiresAt: expiresAt.toISOString(),
      },
      clusterId: fields.clusterId,
    });
    return invitationView(invitation);
  }
}
