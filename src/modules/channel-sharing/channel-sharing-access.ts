import { Actor, organisationRole } from '../../platform/auth/actor';
import { directoryAccess } from '../directory/directory-access';

/**
 * Products and channels: the owning organisation's members edit them; its cluster's staff read
 * them; nobody else sees them before a match reveals them. Rules: staff of the cluster.
 */
export const channelSharingAccess = {
  editsCatalogue(actor: Actor, item: { organisationId: string }): boolean {
    return organisationRole(actor, item.organisationId) !== null;
  },

  seesCatalogue(actor: Actor, item: { organisationId: string; clusterId: string }): boolean {
    return this.editsCatalogue(actor, item) || directoryAccess.actsForCluster(actor, item.clusterId);
  },

  curatesRules(actor: Actor, clusterId: string): boolean {
    return directoryAccess.actsForCluster(actor, clusterId);
  },
};
