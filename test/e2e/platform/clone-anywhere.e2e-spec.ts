import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm start` must work wherever the project is cloned, root's home (mode 0700) included. As root,
 * PostgreSQL runs as the `postgres` user, who cannot enter such a folder; the start script then
 * keeps its files under /var/lib/clusterlink instead (docs/adr/0013). This starts a real server
 * for a project inside a folder nobody else may enter, connects as both roles, and stops it.
 */
describe('a checkout under a folder others cannot enter', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-home-'));
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it('starts PostgreSQL, serves both roles, and a throw-away server leaves no files behind', () => {
    fs.chmodSync(home, 0o700);
    const dataDir = path.join(home, 'clusterlink', '.data', 'dev');
    fs.mkdirSync(dataDir, { recursive: true });
    const script = `
      import pg from 'pg';
      import fs from 'node:fs';
      import { startPostgres } from ${JSON.stringify(path.resolve('scripts/lib/postgres.mjs'))};
      const pgSrv = await startPostgres({ dataDir: ${JSON.stringify(dataDir)}, ports: {}, state: {}, reuse: false, taken: new Set(), log: () => {} });
      const who = async (url) => { const c = new pg.Client({ connectionString: url }); await c.connect();
        const { rows } = await c.query('select current_user as u'); await c.end(); return rows[0].u; };
      const out = { pgDir: pgSrv.pgDir, app: await who(pgSrv.url), owner: await who(pgSrv.migrationUrl) };
      await pgSrv.stop();
      out.leftBehind = fs.existsSync(pgSrv.pgDir);
      process.stdout.write(JSON.stringify(out));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: path.resolve('.'), encoding: 'utf8', timeout: 90_000,
    }));
    expect(out).toMatchObject({ app: 'clusterlink_app', owner: 'postgres', leftBehind: false });
    if (process.getuid?.() === 0) {
      // The postgres user could not enter `home`, so the files went to the shared place.
      expect(out.pgDir).toMatch(/^\/var\/lib\/clusterlink\/[0-9a-f]{16}\/pg$/);
      expect(fs.statSync(home).mode & 0o777).toBe(0o700); // nobody's home was opened up
    } else {
      expect(out.pgDir).toBe(path.join(dataDir, 'pg'));
    }
  });
});
