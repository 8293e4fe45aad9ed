import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import { freePort, spawnNode, startApi } from '../../support/processes';

/**
 * What a production deployment must not inherit from the demo: a published or short JWT secret,
 * demo accounts with a published password, an API map for anyone, a database role that can switch
 * the audit trail off. (The variables themselves: test/unit/env-schema.spec.ts.)
 */
describe('production settings', () => {
  const production = () => ({ NODE_ENV: 'production', JWT_SECRET: crypto.randomBytes(48).toString('base64url') });

  it.each([
    ['a published example', 'change-me-in-production-0123456789', /JWT_SECRET is invalid \(is a published example secret\)/],
    ['a short one', 'twenty-four-chars-secret', /JWT_SECRET is invalid \(is 24 bytes; production needs at least 32\)/],
  ])('refuses to boot the API and the worker with %s secret', async (_what, secret, message) => {
    for (const script of ['main.js', 'worker.js']) {
      const proc = spawnNode(script, { ...production(), JWT_SECRET: secret });
      expect(await proc.exited).toBe(78);
      expect(proc.output()).toMatch(message);
      expect(proc.output()).not.toContain(secret); // the refusal does not print the secret
    }
  });

  it('serves no OpenAPI UI or document unless API_DOCS_PUBLIC=true', async () => {
    const closed = await startApi(production());
    try {
      await request(closed.url).get('/health').expect(200);
      for (const url of ['/api/docs', '/api/docs-json']) {
        const res = await request(closed.url).get(url).expect(404);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    } finally {
      await closed.stop();
    }
    const open = await startApi({ ...production(), API_DOCS_PUBLIC: 'true' });
    try {
      const doc = await request(open.url).get('/api/docs-json').expect(200);
      expect(doc.body.openapi).toMatch(/^3\./);
    } finally {
      await open.stop();
    }
  });

  it('refuses to boot in production as a role that could alter the audit trail', async () => {
    const proc = spawnNode('main.js', { ...production(), PORT: String(await freePort()), DATABASE_URL: process.env.DATABASE_MIGRATION_URL! });
    expect(await proc.exited).not.toBe(0);
    expect(proc.output()).toMatch(/DATABASE_URL's role is a superuser, owns audit_log/);
  });

  it('the seed loads no demo accounts unless DEMO_DATA=true', async () => {
    const out = execFileSync(process.execPath, [path.resolve('dist/src/cli/seed.js')], {
      env: { ...process.env, ...production(), DEMO_DATA: '' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(out).toMatch(/DEMO_DATA is not true: no demo data loaded/);
    const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    try {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE '%.demo'`);
      expect(rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('admin:create makes the first administrator, who sets the password through a reset mail', async () => {
    const cli = (args: string[]) => execFileSync(process.execPath, [path.resolve('dist/src/cli/create-admin.js'), ...args], {
      env: { ...process.env, ...production() }, encoding: 'utf8', timeout: 60_000, stdio: 'pipe',
    });
    expect(() => cli(['--email', 'not-an-address'])).toThrow(/usage: npm run admin:create/);
    const email = `first-admin-${Date.now()}@ops.example`;
    expect(cli(['--email', email, '--name', 'First Admin'])).toMatch(/Created .* password-reset link/);
    expect(cli(['--email', email])).toMatch(/Granted admin to/);
    const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    try {
      const { rows: [user] } = await db.query(`SELECT id, roles, email_verified_at FROM users WHERE email = $1`, [email]);
      expect(user.roles).toEqual(['admin']);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient_email = $1 AND template = 'identity.password_reset'`, [email]);
      expect(rows[0].n).toBe(2);
    } finally {
      await db.end();
    }
  });
});
