import { SelectQueryBuilder } from 'typeorm';
import { actsForCluster, clusterClause, scopeToActor, visibleOr404 } from '../../src/platform/access/actor-scope';
import { Actor } from '../../src/platform/auth/actor';

/** What scopeToActor adds to a query, recorded instead of run (the e2e suites run it for real). */
function scoped(actor: Actor, rule: Parameters<typeof scopeToActor>[2]): { where: string | null; params: Record<string, unknown> } {
  const seen: { where: string | null; params: Record<string, unknown> } = { where: null, params: {} };
  const qb = { andWhere(where: string, params: Record<string, unknown>) { seen.where = where; seen.params = params; return this; } };
  scopeToActor(qb as unknown as SelectQueryBuilder<object>, actor, rule);
  return seen;
}

const base: Actor = { userId: 'u', roles: [], clusterId: null, organisations: [] };
const admin: Actor = { ...base, roles: ['admin'] };
const staff: Actor = { ...base, roles: ['staff'], clusterId: 'c1' };
const member: Actor = { ...base, roles: ['member'], organisations: [{ id: 'o1', role: 'owner' }] };
const staffMember: Actor = { ...staff, organisations: [{ id: 'o1', role: 'member' }] };
const talent: Actor = { ...base, roles: ['talent'] };
const rule = { cluster: 'm.cluster_id', parties: ['m.host', 'm.guest'], partySees: "m.status = 'approved'" };

describe('scopeToActor: one rule for every list', () => {
  it('admins see everything: nothing is added', () => {
    expect(scoped(admin, rule).where).toBeNull();
  });

  it('staff see their cluster\'s rows', () => {
    expect(scoped(staff, { cluster: 'r.cluster_id' })).toEqual({ where: '(r.cluster_id = :scopeCluster)', params: { scopeCluster: 'c1', scopeOrganisations: [] } });
  });

  it('members see rows where one of their organisations is a party, when the party condition holds', () => {
    expect(scoped(member, rule).where).toBe("(((m.host = ANY(:scopeOrganisations) OR m.guest = ANY(:scopeOrganisations)) AND m.status = 'approved'))");
    expect(scoped(member, rule).params.scopeOrganisations).toEqual(['o1']);
  });

  it('staff who are also members see both', () => {
    expect(scoped(staffMember, rule).where).toBe(
      "(m.cluster_id = :scopeCluster OR ((m.host = ANY(:scopeOrganisations) OR m.guest = ANY(:scopeOrganisations)) AND m.status = 'approved'))");
  });

  it('anyone else sees nothing', () => {
    expect(scoped(talent, rule).where).toBe('false');
    expect(scoped(member, { cluster: 'r.cluster_id' }).where).toBe('false');
    // A staff role without a cluster (not yet assigned) grants no rows either.
    expect(scoped({ ...staff, clusterId: null }, { cluster: 'r.cluster_id' }).where).toBe('false');
  });
});

describe('actsForCluster and visibleOr404', () => {
  it('admins act for every cluster, staff for theirs only', () => {
    expect(actsForCluster(admin, 'c2')).toBe(true);
    expect(actsForCluster(staff, 'c1')).toBe(true);
    expect(actsForCluster(staff, 'c2')).toBe(false);
    expect(actsForCluster(staff, null)).toBe(false);
    expect(actsForCluster(member, 'c1')).toBe(false);
  });

  it('clusterClause is actsForCluster in SQL, on the parameter scopeToActor sets', () => {
    expect(clusterClause(admin, 'm.cluster_id')).toBe('true');
    expect(clusterClause(staff, 'm.cluster_id')).toBe('m.cluster_id = :scopeCluster');
    expect(scoped(staff, { cluster: 'r.cluster_id' }).params.scopeCluster).toBe('c1');
    expect(clusterClause({ ...staff, clusterId: null }, 'm.cluster_id')).toBe('false');
    expect(clusterClause(member, 'm.cluster_id')).toBe('false');
  });

  it('answers a missing row and a row the actor may not see alike', () => {
    const notFound = () => new Error('not found');
    expect(() => visibleOr404(null, () => true, notFound)).toThrow('not found');
    expect(() => visibleOr404({ id: 1 }, () => false, notFound)).toThrow('not found');
    expect(visibleOr404({ id: 1 }, () => true, notFound)).toEqual({ id: 1 });
  });
});
