import type { EntityManager } from 'typeorm';
import type { OrganisationRole } from './actor';

/**
 * The organisations a user acts for. Identity needs it to put memberships into access tokens;
 * directory owns the data and provides the implementation (a port, so identity does not depend
 * on directory and directory can depend on identity).
 */
export abstract class MembershipLookup {
  abstract forUser(userId: string, em?: EntityManager): Promise<{ id: string; role: OrganisationRole }[]>;
}
