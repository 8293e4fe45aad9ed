import { actsForCluster, ScopeRule } from '../../platform/access/actor-scope';
import { Actor, organisationRole } from '../../platform/auth/actor';
import { CHANNEL_MATCH_VISIBILITY, MatchDetails } from './matches/match-details';

/**
 * Who sees and does what in channel sharing. Products and channels: the owning organisation's
 * members edit them; its cluster's staff read them; nobody else sees them before a match reveals
 * them. Rules and runs: staff of the cluster. Matches: staff of the cluster, and the two parties
 * once staff approved (CHANNEL_MATCH_VISIBILITY); anyone else gets 404.
 */
export const channelSharingAccess = {
  editsCatalogue(actor: Actor, item: { organisationId: string }): boolean {
    return organisationRole(actor, item.organisationId) !== null;
  },

  seesCatalogue(actor: Actor, item: { organisationId: string; clusterId: string }): boolean {
    return this.editsCatalogue(actor, item) || actsForCluster(actor, item.clusterId);
  },

  catalogueScope(alias: string): ScopeRule {
    return { cluster: `${alias}.cluster_id`, parties: [`${alias}.organisation_id`] };
  },

  curatesRules(actor: Actor, clusterId: string): boolean {
    return actsForCluster(actor, clusterId);
  },

  runsMatching(actor: Actor, clusterId: string): boolean {
    return actsForCluster(actor, clusterId);
  },

  seesMatch(actor: Actor, match: Pick<MatchDetails, 'clusterId' | 'status' | 'respondBy' | 'host' | 'guest'>): boolean {
    if (actsForCluster(actor, match.clusterId)) return true;
    const party = [match.host.organisationId, match.guest.organisationId].some((id) => organisationRole(actor, id) !== null);
    return party && CHANNEL_MATCH_VISIBILITY.sees(match);
  },

  matchScope(alias: string): ScopeRule {
    return {
      cluster: `${alias}.cluster_id`,
      parties: [`${alias}.host_organisation_id`, `${alias}.guest_organisation_id`],
      partySees: CHANNEL_MATCH_VISIBILITY.sql(alias),
    };
  },
};
