import { Actor, hasRole, organisationRole } from '../../platform/auth/actor';
import { DomainError } from '../../platform/http/domain-error';
import { ClusterNotFoundError } from '../directory/directory.errors';
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

  /**
   * Why an actor may not act for a cluster: staff of another cluster are told it is not there, as
   * for any of its records; members, who act for no cluster, are told what only staff may do.
   */
  refusal(actor: Actor, forbidden: () => DomainError): DomainError {
    return hasRole(actor, 'staff') ? new ClusterNotFoundError() : forbidden();
  },
};
