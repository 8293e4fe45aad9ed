import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor } from '../../../platform/auth/actor';
import { DataSubject, PersonalDataContributor } from '../../../platform/personal-data/personal-data';
import { PersonalDataRegistry } from '../../../platform/personal-data/personal-data-registry';
import { AuditService } from '../../audit/audit.service';
import { UsersService } from '../../identity/users.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { Invitation } from '../invitation.entity';
import { OrganisationMember } from '../organisation-member.entity';
import { Organisation } from '../organisation.entity';
import { TalentProfile } from '../talent-profile.entity';
import { DIRECTORY_PERSONAL_DATA } from './directory.personal-data';

/**
 * The talent profile, organisation memberships and invitations of a person. Erasure deletes the
 * profile and memberships, and the invitations sent to the person's address or still open from
 * them. Organisations keep their records; one whose last owner leaves this way is reported to the
 * staff of its cluster, who must appoint a new owner.
 */
@Injectable()
export class DirectoryPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly declaration = DIRECTORY_PERSONAL_DATA;

  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async clustersOf(em: EntityManager, userId: string): Promise<string[]> {
    const profile = await em.findOneBy(TalentProfile, { userId });
    const memberships = await em.find(OrganisationMember, { where: { userId } });
    const orgs = memberships.length === 0 ? [] : await em.find(Organisation, { where: { id: In(memberships.map((m) => m.organisationId)) } });
    return [...new Set([...(profile ? [profile.homeClusterId] : []), ...orgs.map((o) => o.clusterId)])];
  }

  async export(em: EntityManager, subject: DataSubject): Promise<unknown> {
    const profile = await em.findOneBy(TalentProfile, { userId: subject.userId });
    const memberships = await em.find(OrganisationMember, { where: { userId: subject.userId }, order: { createdAt: 'ASC' } });
    const orgs = memberships.length === 0 ? [] : await em.find(Organisation, { where: { id: In(memberships.map((m) => m.organisationId)) } });
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    const invitations = await em.find(Invitation, { where: { email: subject.email.toLowerCase() }, order: { createdAt: 'ASC' } });
    return {
      talentProfile: profile && {
        homeClusterId: profile.homeClusterId,
        headline: profile.headline,
        skills: profile.skills,
        languages: profile.languages,
        yearsOfExperience: profile.yearsOfExperience,
        createdAt: profile.createdAt.toISOString(),
        updatedAt: profile.updatedAt.toISOString(),
      },
      memberships: memberships.map((m) => ({
        organisationId: m.organisationId,
        organisationName: names.get(m.organisationId) ?? null,
        role: m.role,
        since: m.createdAt.toISOString(),
      })),
      invitationsReceived: invitations.map((i) => ({
        id: i.id,
        email: i.email,
        kind: i.kind,
        clusterId: i.clusterId,
        organisationId: i.organisationId,
        organisationRole: i.organisationRole,
        expiresAt: i.expiresAt.toISOString(),
        acceptedAt: i.acceptedAt?.toISOString() ?? null,
        createdAt: i.createdAt.toISOString(),
      })),
    };
  }

  async erase(em: EntityManager, subject: DataSubject, actor: Actor): Promise<void> {
    await em.delete(TalentProfile, { userId: subject.userId });
    await em.delete(Invitation, { email: subject.email.toLowerCase() });
    await em.createQueryBuilder().delete().from(Invitation)
      .where('invited_by = :id AND accepted_at IS NULL', { id: subject.userId }).execute();
    const memberships = await em.find(OrganisationMember, { where: { userId: subject.userId }, lock: { mode: 'pessimistic_write' } });
    for (const m of memberships) {
      const org = await em.findOneByOrFail(Organisation, { id: m.organisationId });
      const lastOwner = m.role === 'owner' && (await em.countBy(OrganisationMember, { organisationId: org.id, role: 'owner' })) === 1;
      await em.delete(OrganisationMember, { organisationId: org.id, userId: subject.userId });
      await this.audit.record(em, actor, {
        action: 'organisation.member_erased', subjectKind: 'organisation', subjectId: org.id, clusterId: org.clusterId,
        before: { userId: subject.userId, role: m.role }, after: { ownerless: lastOwner },
      });
      if (lastOwner) await this.reportOwnerless(em, org);
    }
  }

  /** Tells the cluster's staff (mail and feed) that an organisation has no owner left. */
  private async reportOwnerless(em: EntityManager, org: Organisation): Promise<void> {
    const staff = await this.users.staffOf(em, org.clusterId);
    await this.notifications.notifyMany(em, staff.map((s) => ({
      to: { userId: s.id, email: s.email, locale: s.locale },
      category: 'directory' as const,
      template: 'privacy.organisation_ownerless' as const,
      data: { organisationId: org.id, organisationName: org.name },
      clusterId: org.clusterId,
    })));
  }
}
