import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PERSONAL_COLUMN_PATTERN } from '../../../src/platform/personal-data/personal-data';
import { undeclaredPersonalColumns, unknownDeclaredColumns } from '../../../src/modules/privacy/personal-data.catalog';

/**
 * Every entity's columns, from TypeORM's own metadata of the built app (the entities that ship),
 * checked against the personal-data catalogue: a column whose name looks personal must be
 * declared by its module, as personal (exported and erased) or as not personal with a reason.
 */
describe('personal-data catalogue', () => {
  const columns = (): { table: string; column: string }[] => {
    const script = `
      const { AppDataSource } = require(${JSON.stringify(path.resolve('dist/src/platform/database/data-source.js'))});
      (async () => {
        await AppDataSource.buildMetadatas();
        const cols = AppDataSource.entityMetadatas.flatMap((m) => m.columns.map((c) => ({ table: m.tableName, column: c.databaseName })));
        process.stdout.write(JSON.stringify(cols));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: process.env, encoding: 'utf8', timeout: 30_000 }));
  };

  it('declares every entity column that looks personal, and declares no column that does not exist', () => {
    const all = columns();
    expect(all).toEqual(expect.arrayContaining([{ table: 'users', column: 'email' }, { table: 'talent_profiles', column: 'skills' }]));
    expect(undeclaredPersonalColumns(all, PERSONAL_COLUMN_PATTERN)).toEqual([]);
    expect(unknownDeclaredColumns(all)).toEqual([]);
  });

  it('would catch a module that forgot a table', () => {
    const all = columns();
    const withoutDirectory = undeclaredPersonalColumns(all, PERSONAL_COLUMN_PATTERN, []);
    expect(withoutDirectory).toEqual(expect.arrayContaining(['users.email', 'users.display_name', 'invitations.email', 'talent_profiles.skills']));
  });
});
