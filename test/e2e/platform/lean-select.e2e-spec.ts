import { DataSource, EntityMetadata, QueryFailedError } from 'typeorm';
import { dataSourceOptions } from '../../../src/platform/database/database.config';
import { selectEntities } from '../../../src/platform/database/lean-select';
import { Organisation } from '../../../src/modules/directory/organisation.entity';
import { World } from '../../factories/world';

/**
 * selectEntities is what every paginated list reads through: it must give exactly what TypeORM's
 * getMany gives for the same query builder, for every entity, and keep each call's own
 * parameters although the SQL is kept per query shape.
 */
describe('selectEntities: the lists\' lean read', () => {
  let ds: DataSource;
  let world: World;
  let clusters: { id: string; regionId: string }[];

  beforeAll(async () => {
    ds = await new DataSource({ ...dataSourceOptions({ DATABASE_URL: process.env.DATABASE_URL! }), migrations: [] }).initialize();
    world = new World('http://127.0.0.1:1');
    clusters = [await world.cluster(), await world.cluster()];
    for (const [i, cluster] of clusters.entries()) {
      for (let n = 0; n < 3 + i; n++) await world.organisation(cluster.id, n % 2 ? 'university' : 'sme');
    }
    // Nulls and values in the optional columns, a timestamp and an array.
    await world.db.query(`UPDATE organisations SET website = 'https://a.example', region_id = $2, naics_codes = '{326199,325412}'
      WHERE id = (SELECT id FROM organisations WHERE cluster_id = $1 LIMIT 1)`, [clusters[0].id, clusters[0].regionId]);
    await world.user(['staff'], { clusterId: clusters[0].id });
  });
  afterAll(async () => {
    await world.close();
    await ds.destroy();
  });

  const byKey = (metadata: EntityMetadata) =>
    ds.createQueryBuilder(metadata.target, 'x').orderBy(`x.${metadata.primaryColumns[0].propertyPath}`, 'DESC').limit(50);

  it('answers what getMany answers, for every entity', async () => {
    let rows = 0;
    for (const metadata of ds.entityMetadatas) {
      const lean = await selectEntities(byKey(metadata));
      expect({ entity: metadata.name, rows: lean }).toEqual({ entity: metadata.name, rows: await byKey(metadata).getMany() });
      for (const entity of lean) expect(entity).toBeInstanceOf(metadata.target as new () => unknown);
      rows += lean.length;
    }
    expect(rows).toBeGreaterThan(5);
  });

  it('keeps each call\'s parameters, lists of any length included, while the SQL is kept per shape', async () => {
    const inCluster = (clusterId: string) =>
      ds.createQueryBuilder(Organisation, 'o').where('o.cluster_id = :c', { c: clusterId }).orderBy('o.createdAt', 'DESC').limit(10);
    for (const cluster of [...clusters, ...clusters]) {
      const lean = await selectEntities(inCluster(cluster.id));
      expect(lean.map((o) => o.clusterId)).toEqual(lean.map(() => cluster.id));
      expect(lean).toEqual(await inCluster(cluster.id).getMany());
    }
    const all = await selectEntities(inCluster(clusters[1].id));
    for (const ids of [all.slice(0, 1), all.slice(0, 3), all.slice(0, 2)].map((orgs) => orgs.map((o) => o.id))) {
      // Same order and limit as inCluster: only the condition tells the two shapes apart.
      const qb = () => ds.createQueryBuilder(Organisation, 'o').where('o.id IN (:...ids)', { ids }).orderBy('o.createdAt', 'DESC').limit(10);
      expect((await selectEntities(qb())).map((o) => o.id).sort()).toEqual([...ids].sort());
    }
  });

  it('reads on the transaction\'s connection inside a transaction', async () => {
    await ds.transaction(async (em) => {
      const [made] = await em.query(
        `INSERT INTO organisations (cluster_id, name, kind, naics_codes, country, employee_count) VALUES ($1, 'Uncommitted', 'sme', '{326199}', 'FI', 3) RETURNING id`,
        [clusters[0].id],
      );
      const seen = await selectEntities(em.createQueryBuilder(Organisation, 'o').where('o.id = :id', { id: made.id }).limit(1));
      expect(seen.map((o) => o.name)).toEqual(['Uncommitted']);
      expect(await selectEntities(ds.createQueryBuilder(Organisation, 'o').where('o.id = :id', { id: made.id }).limit(1))).toEqual([]);
    });
  });

  it('leaves joined queries to getMany and reports database errors as TypeORM does', async () => {
    const joined = () => ds.createQueryBuilder(Organisation, 'o').innerJoinAndSelect('o.cluster', 'c').orderBy('o.id').limit(5);
    const lean = await selectEntities(joined());
    expect(lean).toEqual(await joined().getMany());
    expect(lean[0].cluster).toBeDefined();
    await expect(selectEntities(ds.createQueryBuilder(Organisation, 'o').where('o.id = :id', { id: 'not-a-uuid' }).limit(1)))
      .rejects.toBeInstanceOf(QueryFailedError);
  });
});
