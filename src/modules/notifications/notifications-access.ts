import { actsForCluster, ScopeRule } from '../../platform/access/actor-scope';
import { Actor } from '../../platform/auth/actor';

/**
 * A notification is its recipient's (the feed is always scoped to the signed-in user); failed
 * deliveries are also seen and resent by the staff of its cluster and by admins.
 */
export const notificationsAccess = {
  deliveriesScope: { cluster: 'n.cluster_id' } satisfies ScopeRule,

  seesDelivery(actor: Actor, row: { clusterId: string | null }): boolean {
    return actsForCluster(actor, row.clusterId);
  },
};
