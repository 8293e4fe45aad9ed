import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Pool } from 'pg';
import { APPROVAL_KINDS } from '../../../src/approval-kinds';

/**
 * The schema is built by migrations only (never `synchronize`), so an entity changed without its
 * migration would go unnoticed until a query failed. TypeORM's schema builder compares the
 * migrated database with the entities: it must find nothing to change.
 */
describe('database schema', () => {
  it('the migrations build exactly the schema the entities describe', () => {
    const script = `
      const { AppDataSource } = require(${JSON.stringify(path.resolve('dist/src/platform/database/data-source.js'))});
      (async () => {
        await AppDataSource.initialize();
        const { upQueries } = await AppDataSource.driver.createSchemaBuilder().log();
        await AppDataSource.destroy();
        process.stdout.write(JSON.stringify(upQueries.map((q) => q.query)));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const out = execFileSync(process.execPath, ['-e', script], { env: process.env, encoding: 'utf8', timeout: 30_000 });
    expect(JSON.parse(out)).toEqual([]);
  });

  it('the database accepts exactly the approval kinds the modules declare', async () => {
    // TypeORM matches CHECK constraints by name only, so the list itself is compared here.
    const owner = new Pool({ connectionString: process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL, max: 1 });
    try {
      const { rows: [{ def }] } = await owner.query(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'ck_approval_requests_kind'`);
      expect([...String(def).matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort()).toEqual([...APPROVAL_KINDS].sort());
      await expect(owner.query(
        `INSERT INTO approval_requests (cluster_id, subject_kind, subject_id, summary, due_at) VALUES (gen_random_uuid(), 'undeclared_kind', gen_random_uuid(), 'x', now())`,
      )).rejects.toThrow(/ck_approval_requests_kind/);
    } finally {
      await owner.end();
    }
  });
});
