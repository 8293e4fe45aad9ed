/** Platform roles a user can hold. A user may hold several (a talent who also acts for an SME). */
export const ROLES = ['admin', 'staff', 'talent', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_ROLES = ['owner', 'member'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/**
 * Who is asking. It travels as the first argument of every service method that acts for someone,
 * so tenant scope cannot be forgotten. Built from the access token's claims.
 */
export interface Actor {
  userId: string;
  roles: Role[];
  /**
   * Staff: the cluster they work for, the scope of every staff right (an admin assigns it).
   * Null for everyone else; a talent's home cluster is on their talent profile, never here.
   */
  clusterId: string | null;
  /** Organisations the user acts for, with their role in each. */
  organisations: { id: string; role: OrganisationRole }[];
  /** The HTTP request this actor acts in, for the audit trail. */
  requestId?: string;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

export function organisationRole(actor: Actor, organisationId: string): OrganisationRole | null {
  return actor.organisations.find((o) => o.id === organisationId)?.role ?? null;
}

/** Staff of exactly this cluster (admins are handled explicitly by each rule). */
export function isStaffOf(actor: Actor, clusterId: string): boolean {
  return hasRole(actor, 'staff') && actor.clusterId === clusterId;
}
