import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Actor, hasRole, isStaffOf } from '../auth/actor';

/** Admins act for every cluster; staff for the cluster they work for; nobody else for any. */
export function actsForCluster(actor: Actor, clusterId: string | null): boolean {
  return hasRole(actor, 'admin') || (clusterId !== null && isStaffOf(actor, clusterId));
}

/** Which rows of a query an actor sees: the row's cluster column, and optionally its parties. */
export interface ScopeRule {
  /** The row's cluster column (`alias.cluster_id`): admins see every row, staff their cluster's. */
  cluster: string;
  /** Columns naming organisations whose members also see the row (as a party)... */
  parties?: string[];
  /** ...when this SQL condition on the row also holds (e.g. a match's party-visibility rule). */
  partySees?: string;
}

/**
 * Narrows a query to the rows the actor may see, by one rule every list uses: admins everything,
 * staff their cluster's rows, members the rows whose parties include one of their organisations.
 * Everyone else sees nothing. Filters the caller adds afterwards only narrow it further.
 */
export function scopeToActor<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, actor: Actor, rule: ScopeRule): SelectQueryBuilder<T> {
  if (hasRole(actor, 'admin')) return qb;
  const own = actor.organisations.map((o) => o.id);
  const seen: string[] = [];
  if (hasRole(actor, 'staff') && actor.clusterId) seen.push(clusterClause(actor, rule.cluster));
  if (rule.parties?.length && own.length > 0) {
    const party = `(${rule.parties.map((c) => `${c} = ANY(:scopeOrganisations)`).join(' OR ')})`;
    seen.push(rule.partySees ? `(${party} AND ${rule.partySees})` : party);
  }
  return qb.andWhere(seen.length ? `(${seen.join(' OR ')})` : 'false', { scopeCluster: actor.clusterId, scopeOrganisations: own });
}

/**
 * The SQL form of `actsForCluster` for a row's cluster column: `true` for admins, the column
 * against the actor's cluster for staff, `false` otherwise. It uses the `scopeCluster` parameter
 * scopeToActor sets, so call it on a query scopeToActor has narrowed.
 */
export function clusterClause(actor: Actor, column: string): string {
  if (hasRole(actor, 'admin')) return 'true';
  return hasRole(actor, 'staff') && actor.clusterId ? `${column} = :scopeCluster` : 'false';
}

/** The row when the actor may see it; otherwise the module's "not found" (never "forbidden"). */
export function visibleOr404<T>(row: T | null | undefined, sees: (row: T) => boolean, notFound: () => Error): T {
  if (row == null || !sees(row)) throw notFound();
  return row;
}
