import { Actor, ORGANISATION_ROLES, OrganisationRole, Role, ROLES } from './actor';

/** Claims of a signed access token: short-lived, so memberships refresh on the next rotation. */
export interface AccessTokenClaims {
  sub: string;
  roles: Role[];
  cid: string | null;
  orgs: [string, OrganisationRole][];
}

export function claimsOf(actor: Actor): AccessTokenClaims {
  return {
    sub: actor.userId,
    roles: actor.roles,
    cid: actor.clusterId,
    orgs: actor.organisations.map((o) => [o.id, o.role]),
  };
}

export function actorOf(claims: AccessTokenClaims): Actor {
  return {
    userId: claims.sub,
    roles: claims.roles,
    clusterId: claims.cid,
    organisations: claims.orgs.map(([id, role]) => ({ id, role })),
  };
}

/**
 * Whether a verified token's payload has the claims this service signs. A token signed with the
 * right key but another shape (an older format, another service sharing the secret) is refused
 * as invalid instead of failing later.
 */
export function isAccessTokenClaims(value: unknown): value is AccessTokenClaims {
  const c = value as Partial<Record<keyof AccessTokenClaims, unknown>> | null;
  return typeof c === 'object' && c !== null
    && typeof c.sub === 'string'
    && Array.isArray(c.roles) && c.roles.every((r) => (ROLES as readonly unknown[]).includes(r))
    && (c.cid === null || typeof c.cid === 'string')
    && Array.isArray(c.orgs) && c.orgs.every((o) => Array.isArray(o) && o.length === 2 && typeof o[0] === 'string'
      && (ORGANISATION_ROLES as readonly unknown[]).includes(o[1]));
}
