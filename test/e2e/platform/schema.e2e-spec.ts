import { execFileSync } from 'node:child_process';
import path from 'node:path';

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
});
