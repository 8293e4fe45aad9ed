import 'reflect-metadata';
import { EntityManager } from 'typeorm';
import { ClusterPartnership } from '../modules/directory/cluster-partnership.entity';
import { Cluster } from '../modules/directory/cluster.entity';
import { OrganisationMember } from '../modules/directory/organisation-member.entity';
import { Organisation } from '../modules/directory/organisation.entity';
import { isNaicsCode } from '../modules/directory/reference-data';
import { Region } from '../modules/directory/region.entity';
import { TalentProfile } from '../modules/directory/talent-profile.entity';
import { User } from '../modules/identity/user.entity';
import { PasswordHasher } from '../platform/auth/password-hasher';
import { AppDataSource } from '../platform/database/data-source';
import { validateEnv } from '../config/env.schema';
import { CatalogueChange } from '../modules/channel-sharing/catalogue/catalogue-change.entity';
import { Channel } from '../modules/channel-sharing/catalogue/channel.entity';
import { ComplementarityRule } from '../modules/channel-sharing/rules/complementarity-rule.entity';
import { Product } from '../modules/channel-sharing/catalogue/product.entity';
import { DomainEvent } from '../platform/events/domain-event.entity';
import {
  DEMO_CHANNELS, DEMO_CLUSTERS, DEMO_ORGANISATIONS, DEMO_PARTNERS, DEMO_PASSWORD, DEMO_PRODUCTS, DEMO_RULES, DEMO_USERS,
} from './demo-data';

/** Loads the demo world. Idempotent: what exists (by natural key) is kept, what is missing is added. */
async function seed(em: EntityManager): Promise<void> {
  const clusterIds = new Map<string, string>();
  const regionIds = new Map<string, string>();
  for (const c of DEMO_CLUSTERS) {
    let cluster = await em.findOneBy(Cluster, { name: c.name });
    cluster ??= await em.save(em.create(Cluster, { name: c.name, country: c.country, description: c.description }));
    clusterIds.set(c.key, cluster.id);
    for (const name of c.regions) {
      await em.createQueryBuilder().insert().into(Region).values({ clusterId: cluster.id, name }).orIgnore().execute();
      const region = await em.findOneByOrFail(Region, { clusterId: cluster.id, name });
      regionIds.set(`${c.key}/${name}`, region.id);
    }
  }
  for (const [a, b] of DEMO_PARTNERS) {
    const [low, high] = [clusterIds.get(a)!, clusterIds.get(b)!].sort();
    await em.createQueryBuilder().insert().into(ClusterPartnership).values({ clusterAId: low, clusterBId: high }).orIgnore().execute();
  }
  const orgIds = new Map<string, string>();
  for (const o of DEMO_ORGANISATIONS) {
    const bad = o.naics.filter((code) => !isNaicsCode(code));
    if (bad.length) throw new Error(`demo organisation ${o.name} has unknown NAICS codes ${bad.join(', ')}`);
    const clusterId = clusterIds.get(o.cluster)!;
    let org = await em.findOneBy(Organisation, { clusterId, name: o.name });
    org ??= await em.save(em.create(Organisation, {
      clusterId, name: o.name, kind: o.kind, naicsCodes: o.naics, regionId: regionIds.get(`${o.cluster}/${o.region}`) ?? null,
      country: o.country, employeeCount: o.employees, website: null,
    }));
    orgIds.set(o.name, org.id);
  }
  // Channel sharing: products, channels and rules. New catalogue entries announce themselves as a
  // member's edit would, so the worker's refresh proposes the first matches for staff to review.
  const changed = new Set<string>();
  for (const [a, b] of DEMO_RULES.map((r) => [r, [r.categoryA, r.categoryB].sort()] as const)) {
    await em.createQueryBuilder().insert().into(ComplementarityRule)
      .values({ clusterId: clusterIds.get(a.cluster)!, categoryA: b[0], categoryB: b[1], weight: a.weight, source: 'staff' })
      .orIgnore().execute();
  }
  const orgCluster = new Map(DEMO_ORGANISATIONS.map((o) => [o.name, clusterIds.get(o.cluster)!]));
  for (const p of DEMO_PRODUCTS) {
    const organisationId = orgIds.get(p.organisation)!;
    if (await em.existsBy(Product, { organisationId, name: p.name })) continue;
    await em.insert(Product, {
      organisationId, clusterId: orgCluster.get(p.organisation)!, name: p.name, category: p.category, grade: p.grade,
      segments: p.segments, markets: p.markets, priceBand: p.priceBand ?? null,
    });
    changed.add(p.organisation);
  }
  for (const c of DEMO_CHANNELS) {
    const organisationId = orgIds.get(c.organisation)!;
    if (await em.existsBy(Channel, { organisationId, name: c.name })) continue;
    await em.insert(Channel, {
      organisationId, clusterId: orgCluster.get(c.organisation)!, name: c.name, type: c.type, markets: c.markets, segments: c.segments,
      capacity: c.capacity, usedCapacity: c.usedCapacity, capacityUnit: c.capacityUnit, commissionPct: c.commissionPct.toFixed(2), active: true,
    });
    changed.add(c.organisation);
  }
  for (const name of changed) {
    // As CatalogueChanges.record does: the row a running snapshot re-reads, and the refresh event.
    await em.insert(CatalogueChange, { organisationId: orgIds.get(name)!, clusterId: orgCluster.get(name)! });
    await em.insert(DomainEvent, {
      type: 'channel_sharing.catalogue_changed', payload: { organisationId: orgIds.get(name)!, clusterId: orgCluster.get(name)! },
    });
  }

  const hash = await new PasswordHasher().hash(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    let user = await em.findOneBy(User, { email: u.email });
    user ??= await em.save(em.create(User, {
      email: u.email, displayName: u.displayName, passwordHash: hash, roles: u.roles,
      staffClusterId: u.roles.includes('staff') && u.cluster ? clusterIds.get(u.cluster)! : null, emailVerifiedAt: new Date(),
    }));
    if (u.organisation) {
      await em.createQueryBuilder().insert().into(OrganisationMember)
        .values({ organisationId: orgIds.get(u.organisation.name)!, userId: user.id, role: u.organisation.role })
        .orIgnore().execute();
    }
    if (u.talent && !(await em.existsBy(TalentProfile, { userId: user.id }))) {
      await em.insert(TalentProfile, {
        userId: user.id, homeClusterId: clusterIds.get(u.cluster!)!, headline: u.talent.headline,
        skills: u.talent.skills, languages: u.talent.languages, yearsOfExperience: u.talent.years,
      });
    }
  }
}

async function main(): Promise<void> {
  // Every demo account shares one published password: load them only when asked to.
  if (!validateEnv(process.env).DEMO_DATA) {
    console.log('DEMO_DATA is not true: no demo data loaded. Create the first administrator with `npm run admin:create`.');
    return;
  }
  await AppDataSource.initialize();
  try {
    await AppDataSource.transaction(seed);
  } finally {
    await AppDataSource.destroy();
  }
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  console.log('\nDemo data ready. Sign in with POST /api/v1/auth/login; every demo password is', JSON.stringify(DEMO_PASSWORD));
  for (const u of DEMO_USERS) console.log(`  ${u.roles.join('+').padEnd(7)} ${u.email.padEnd(width)}  ${u.displayName}`);
  console.log('');
}

main().catch((error: unknown) => {
  console.error('seeding failed:', error);
  process.exit(1);
});
