import { actsForCluster, ScopeRule } from '../../platform/access/actor-scope';
import { Actor } from '../../platform/auth/actor';

/** The review queue is staff's: admins see every request, staff their cluster's, nobody else any. */
export const approvalsAccess = {
  scope: { cluster: 'r.cluster_id' } satisfies ScopeRule,

  seesRequest(actor: Actor, request: { clusterId: string }): boolean {
    return actsForCluster(actor, request.clusterId);
  },
};
