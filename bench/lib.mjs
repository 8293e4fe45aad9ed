// Small helpers every benchmark uses.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServices } from '../scripts/lib/services.mjs';

/** A numeric `--name value` command-line option, or the fallback. */
export const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A TCP port free on 127.0.0.1 right now. */
export const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * Builds the service and migrates the benchmark's database; returns the environment its API and
 * worker processes run with (production mode, these services, `extra` on top).
 */
export function buildAndMigrate(services, log, extra) {
  const env = {
    ...process.env, NODE_ENV: 'production', DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl,
    JWT_SECRET: 'bench-secret-0123456789', ...extra,
  };
  log('building and migrating');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['dist/src/cli/migrate.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return env;
}

/**
 * Runs a benchmark against its own PostgreSQL, Redis and SMTP catcher in a temporary folder:
 * `body` gets the services and a list to put its child processes in. Whatever happens, the
 * children are stopped, then the services, and the folder is removed; a failure is printed and
 * the process exits 1.
 */
export function runBench(name, log, body) {
  const main = async () => {
    const dataDir = mkdtempSync(join(tmpdir(), `clusterlink-bench-${name}-`));
    const services = await startServices({ dataDir, log });
    const children = [];
    try {
      await body({ services, children });
    } finally {
      for (const child of children) child.kill('SIGTERM');
      if (children.length > 0) await sleep(1000); // let them shut down before their database goes
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
