import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { UsersService } from '../identity/users.service';
import { OrganisationMember } from './organisation-member.entity';

/** What other modules show of an organisation: enough to name it, or to describe it anonymously. */
export interface OrganisationProfile {
  id: string;
  clusterId: string;
  name: string;
  kind: string;
  /** The region's name, if the organisation has one. */
  region: string | null;
  country: string;
  employeeCount: number;
  website: string | null;
}

/** A person who acts for an organisation, as mails and revealed contacts need them. */
export interface MemberContact {
  organisationId: string;
  userId: string;
  name: string;
  email: string;
  locale: string;
}

/**
 * The directory's read port for other modules: organisation profiles and the contacts of their
 * members, read in the caller's transaction. Other modules never read organisations, regions or
 * memberships with SQL of their own.
 */
@Injectable()
export class OrganisationProfilesService {
  constructor(private readonly users: UsersService) {}

  async profiles(em: EntityManager, ids: string[]): Promise<Map<string, OrganisationProfile>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; cluster_id: string; name: string; kind: string; region: string | null; country: string; employee_count: number; website: string | null }[] =
      await em.query(
        `SELECT o.id, o.cluster_id, o.name, o.kind, r.name AS region, o.country, o.employee_count, o.website
         FROM organisations o LEFT JOIN regions r ON r.id = o.region_id WHERE o.id = ANY($1::uuid[])`,
        [[...new Set(ids)]],
      );
    return new Map(rows.map((r) => [r.id, {
      id: r.id, clusterId: r.cluster_id, name: r.name, kind: r.kind, region: r.region, country: r.country, employeeCount: r.employee_count, website: r.website,
    }]));
  }

  /** Just the names (what a staff summary shows), for many organisations at once. */
  async names(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await em.query('SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The members of these organisations, ordered by email: whom a mail goes to, whose contacts a reveal shows. */
  async memberContacts(em: EntityManager, organisationIds: string[]): Promise<MemberContact[]> {
    if (organisationIds.length === 0) return [];
    const members = await em.find(OrganisationMember, { where: { organisationId: In([...new Set(organisationIds)]) } });
    const users = new Map((await this.users.contacts(em, members.map((m) => m.userId))).map((u) => [u.id, u]));
    return members
      .flatMap((m) => {
        const u = users.get(m.userId);
        return u ? [{ organisationId: m.organisationId, userId: u.id, name: u.displayName, email: u.email, locale: u.locale }] : [];
      })
      .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  }
}
