import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { ObjectLiteral, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * How many SQL texts get a statement name; past that, queries run unnamed. Every pooled
 * connection keeps each statement it has run (a few KB of plan on the PostgreSQL side), so the
 * names are capped; the lists' filter combinations make a few dozen texts.
 */
const MAX_NAMED_STATEMENTS = 200;
/** How many query shapes keep their SQL; past that, the SQL is built on each call. */
const MAX_SHAPES = 500;

/**
 * Column types PostgresDriver.prepareHydratedValue returns unchanged (its branches are for dates,
 * times, enums, hstore, simple-* and others); for these, without a transformer, the value pg
 * parsed is the entity's value.
 */
const AS_READ = new Set(['uuid', 'text', 'varchar', 'char', 'int', 'integer', 'smallint', 'bigint', 'numeric', 'real', 'jsonb', 'bytea']);

interface Shape {
  sql: string;
  /** Result column name, the column, and whether its value needs the driver's preparation. */
  columns: [string, ColumnMetadata, boolean][];
}

const shapes = new Map<string, Shape>();
const statementNames = new Map<string, string>();

/**
 * What the SQL of a plain single-entity select depends on, or null for any query this does not
 * cover (joins, relation ids, grouping, sub-queries, locks, skip/take, string-less conditions,
 * inheritance, embedded columns, load listeners or subscribers).
 */
function shapeKey<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): string | null {
  const map = qb.expressionMap;
  const alias = map.mainAlias;
  if (!alias?.hasMetadata) return null;
  const metadata = alias.metadata;
  const plain =
    map.selects.length === 1 && map.selects[0].selection === alias.name && !map.selects[0].aliasName &&
    map.joinAttributes.length === 0 && map.relationIdAttributes.length === 0 &&
    map.groupBys.length === 0 && map.havings.length === 0 && map.commonTableExpressions.length === 0 &&
    !map.subQuery && !map.lockMode && map.skip === undefined && map.take === undefined && map.offset === undefined &&
    !map.selectDistinct && map.selectDistinctOn.length === 0 && !map.comment && !map.cache &&
    !metadata.discriminatorColumn && metadata.childEntityMetadatas.length === 0 && metadata.embeddeds.length === 0 &&
    metadata.afterLoadListeners.length === 0 && qb.dataSource.subscribers.length === 0 &&
    map.wheres.every((where) => typeof where.condition === 'string');
  if (!plain) return null;
  return JSON.stringify([metadata.name, alias.name, map.wheres, map.orderBys, map.limit, map.withDeleted]);
}

function shapeOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, key: string): Shape {
  let shape = shapes.get(key);
  if (!shape) {
    const alias = qb.expressionMap.mainAlias!;
    const columns = alias.metadata.columns
      .filter((column) => !column.isVirtual)
      .map((column): [string, ColumnMetadata, boolean] => [
        DriverUtils.buildAlias(qb.dataSource.driver, undefined, alias.name, column.databaseName),
        column,
        Boolean(column.transformer) || typeof column.type !== 'string' || !AS_READ.has(column.type),
      ]);
    shape = { sql: qb.getQuery(), columns };
    if (shapes.size < MAX_SHAPES) shapes.set(key, shape);
  }
  return shape;
}

function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (!name && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `cl_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * `qb.getMany()` for the plain single-entity selects every list runs, cheaper per call: the SQL
 * TypeORM builds is kept per query shape, it runs as a named prepared statement (PostgreSQL
 * parses and plans it once per connection), and rows become entities column by column (the same
 * values TypeORM's hydration gives, without its grouping by primary key for joins). Anything the
 * shape check does not cover goes through `getMany()`. Inside a transaction the query runs on
 * the transaction's connection. A migration that changes the type of a listed column while API
 * processes run makes PostgreSQL refuse their prepared statements ("cached plan must not change
 * result type") until they restart; migrations that add or drop other columns do not.
 */
export async function selectEntities<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<T[]> {
  const key = shapeKey(qb);
  const driver = qb.dataSource.driver as PostgresDriver;
  if (key === null || driver.options.type !== 'postgres' || driver.isReplicated) return qb.getMany();
  const shape = shapeOf(qb, key);
  const [sql, parameters] = driver.escapeQueryWithParameters(shape.sql, qb.getParameters());
  const config = { name: statementName(sql), text: sql, values: parameters };
  // A query builder made from a transaction's manager carries its query runner.
  const runner = (qb as unknown as { queryRunner?: { connect(): Promise<PoolClient> } }).queryRunner;
  let result: QueryResult;
  try {
    result = runner ? await (await runner.connect()).query(config) : await (driver.master as Pool).query(config);
  } catch (error) {
    throw new QueryFailedError(sql, parameters, error as Error);
  }
  const metadata = qb.expressionMap.mainAlias!.metadata;
  return result.rows.map((row: Record<string, unknown>) => {
    const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
    for (const [name, column, prepare] of shape.columns) {
      const value = row[name];
      if (value !== undefined) column.setEntityValue(entity, prepare ? driver.prepareHydratedValue(value, column) : value);
    }
    return entity;
  });
}
