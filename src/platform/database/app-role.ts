import { DataSource } from 'typeorm';

/** Tables the application may read and append to, but never change or empty. */
export const APPEND_ONLY_TABLES = ['audit_log'] as const;

/** The role DATABASE_URL signs in as, when it differs from the migration URL's; else null (one role does both). */
export function appRoleOf(databaseUrl: string | undefined, migrationUrl: string | undefined): string | null {
  if (!databaseUrl || !migrationUrl) return null;
  const [app, owner] = [new URL(databaseUrl), new URL(migrationUrl)];
  const role = decodeURIComponent(app.username);
  return role && role !== decodeURIComponent(owner.username) ? role : null;
}

/**
 * Grants the application's role what the API and worker need and nothing more: rows of every table
 * (append-only ones: INSERT and SELECT), sequences, and the maintenance functions the migrations
 * define. It owns nothing, so it cannot alter a table, disable a trigger or truncate. Run after
 * every migration as the owner; the default privileges cover tables created later by the owner.
 */
export async function grantAppRole(ds: DataSource, role: string): Promise<void> {
  const who = ds.driver.escape(role);
  const statements = [
    `GRANT USAGE ON SCHEMA public TO ${who}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${who}`,
    ...APPEND_ONLY_TABLES.map((t) => `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${ds.driver.escape(t)} FROM ${who}`),
    // The migration history is the owner's business.
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${who}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${who}`,
    `GRANT EXECUTE ON FUNCTION refresh_statistics(text[]) TO ${who}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${who}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${who}`,
  ];
  await ds.transaction(async (em) => {
    for (const sql of statements) await em.query(sql);
  });
}

/**
 * What the connected role could do to the append-only tables beyond INSERT and SELECT: owning one
 * (and so altering it or disabling its triggers), UPDATE, DELETE or TRUNCATE, or being a superuser.
 * Empty when the role is as narrow as it should be.
 */
export async function excessAuditRights(ds: DataSource): Promise<string[]> {
  const rows: Array<{ table: string; superuser: boolean; owner: boolean; upd: boolean; del: boolean; trunc: boolean }> = await ds.query(
    `SELECT t AS "table", r.rolsuper AS superuser, pg_get_userbyid(c.relowner) = current_user AS owner,
            has_table_privilege(t, 'UPDATE') AS upd, has_table_privilege(t, 'DELETE') AS del,
            has_table_privilege(t, 'TRUNCATE') AS trunc
       FROM unnest($1::text[]) AS t
       JOIN pg_class c ON c.oid = t::regclass
       JOIN pg_roles r ON r.rolname = current_user`,
    [[...APPEND_ONLY_TABLES]],
  );
  return rows.flatMap((r) => [
    ...(r.superuser ? [`is a superuser`] : []),
    ...(r.owner ? [`owns ${r.table}`] : []),
    ...(r.upd ? [`may UPDATE ${r.table}`] : []),
    ...(r.del ? [`may DELETE from ${r.table}`] : []),
    ...(r.trunc ? [`may TRUNCATE ${r.table}`] : []),
  ]).filter((v, i, all) => all.indexOf(v) === i);
}
