import { Actor, OrganisationRole, Role } from './actor';

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
