import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { appRoleOf, excessAuditRights } from '../../../src/platform/database/app-role';

/**
 * The API and worker connect with DATABASE_URL, a role that may only append to and read the audit
 * trail; migrations run with DATABASE_MIGRATION_URL, the owner (docs/adr/0012). `npm test` starts
 * PostgreSQL with both, exactly as `npm start` does, so these run against the real grants.
 */
describe('database roles', () => {
  const app = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const owner = new Pool({ connectionString: process.env.DATABASE_MIGRATION_URL, max: 2 });
  let rowId: string;

  beforeAll(async () => {
    expect(appRoleOf(process.env.DATABASE_URL, process.env.DATABASE_MIGRATION_URL)).toBe('clusterlink_app');
    const { rows } = await app.query(
      `INSERT INTO audit_log (cluster_id, actor_user_id, action, subject_kind, subject_id)
       VALUES (NULL, NULL, 'test.roles', 'test', 'roles') RETURNING id`,
    );
    rowId = rows[0].id;
  });
  afterAll(async () => { await app.end(); await owner.end(); });

  it('the application role appends and reads audit rows', async () => {
    const { rows } = await app.query(`SELECT action FROM audit_log WHERE id = $1`, [rowId]);
    expect(rows).toEqual([{ action: 'test.roles' }]);
  });

  it.each([
    ['disable the trigger', `ALTER TABLE audit_log DISABLE TRIGGER ALL`, /must be owner/],
    ['update a row', `UPDATE audit_log SET action = 'tampered' WHERE id = '%ID%'`, /permission denied/],
    ['delete a row', `DELETE FROM audit_log WHERE id = '%ID%'`, /permission denied/],
    ['truncate', `TRUNCATE audit_log`, /permission denied/],
    ['drop the table', `DROP TABLE audit_log`, /must be owner/],
    ['drop the trigger function', `DROP FUNCTION audit_log_is_append_only() CASCADE`, /must be owner/],
    ['rewrite the migration history', `DELETE FROM migrations`, /permission denied/],
    ['create a table', `CREATE TABLE sneaky (id int)`, /permission denied/],
  ])('the application role cannot %s', async (_what, sql, refusal) => {
    await expect(app.query(sql.replace('%ID%', rowId))).rejects.toThrow(refusal);
    const { rows } = await owner.query(`SELECT action FROM audit_log WHERE id = $1`, [rowId]);
    expect(rows).toEqual([{ action: 'test.roles' }]);
  });

  it('even the owner cannot change or delete an audit row: the trigger refuses', async () => {
    await expect(owner.query(`UPDATE audit_log SET action = 'tampered' WHERE id = $1`, [rowId])).rejects.toThrow(/append-only/);
    await expect(owner.query(`DELETE FROM audit_log WHERE id = $1`, [rowId])).rejects.toThrow(/append-only/);
    await expect(owner.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('the application role may refresh planner statistics through the owner\'s function only', async () => {
    await expect(app.query(`SELECT refresh_statistics($1)`, [['match_candidates', 'channel_matches']])).resolves.toBeDefined();
    await expect(app.query(`ANALYZE match_candidates`)).resolves.toBeDefined(); // a no-op with a warning for non-owners
    await expect(app.query(`VACUUM match_candidates`)).resolves.toBeDefined();
    await expect(app.query(`SELECT refresh_statistics($1)`, [['pg_catalog.pg_class']])).rejects.toThrow(/no table public/);
  });

  it('the boot check finds nothing excessive in the application role and names what the owner could do', async () => {
    const asApp = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
    const asOwner = new DataSource({ type: 'postgres', url: process.env.DATABASE_MIGRATION_URL });
    await Promise.all([asApp.initialize(), asOwner.initialize()]);
    try {
      expect(await excessAuditRights(asApp)).toEqual([]);
      expect(await excessAuditRights(asOwner)).toEqual(expect.arrayContaining(['is a superuser', 'owns audit_log']));
    } finally {
      await Promise.all([asApp.destroy(), asOwner.destroy()]);
    }
  });
});
