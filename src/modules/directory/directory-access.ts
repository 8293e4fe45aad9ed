import { actsForCluster } from '../../platform/access/actor-scope';
import { Actor, organisationRole } from '../../platform/auth/actor';

/**
 * Who may see and do what in the directory, in one place. Services answer a record the actor may
 * not see as "not found", and a visible record the actor may not change as "forbidden".
 */
export const directoryAccess = {
  /** Admins, and staff of this very cluster. */
  actsForCluster(actor: Actor, clusterId: string): boolean {
    return actsForCluster(actor, clusterId);
  },

  seesOrganisation(actor: Actor, org: { id: string; clusterId: string }): boolean {
    return this.actsForCluster(actor, org.clusterId) || organisationRole(actor, org.id) !== null;
  },

  editsOrganisation(actor: Actor, org: { id: string; clusterId: string }): boolean {
    return this.seesOrganisation(actor, org);
  },

  managesMembers(actor: Actor, org: { id: string; clusterId: string }): boolean {
    return this.actsForCluster(actor, org.clusterId) || organisationRole(actor, org.id) === 'owner';
  },

  seesTalent(actor: Actor, profile: { userId: string; homeClusterId: string }): boolean {
    return actor.userId === profile.userId || this.actsForCluster(actor, profile.homeClusterId);
  },
};
