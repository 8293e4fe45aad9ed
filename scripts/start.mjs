// npm start — brings up everything on a fresh machine: dependencies, PostgreSQL, Redis, the mail
// catcher, migrations, demo data, then the API and the worker. Services are kept in .data/dev and
// reused by the next `npm start`; `npm run stop` stops them.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { installAndBuild, step } from './run-step.mjs';

const log = (msg) => console.log(`[start] ${msg}`);
process.chdir(new URL('..', import.meta.url).pathname);

async function main() {
  await installAndBuild(log);
  const { startServices } = await import('./lib/services.mjs');
  const dataDir = '.data/dev';
  mkdirSync(dataDir, { recursive: true });
  const services = await startServices({
    dataDir,
    reuse: true,
    ports: { pg: 54329, redis: 63799, smtp: 1025, mailWeb: 1080 },
    log: (m) => console.log(`[services] ${m}`),
  });
  const secretFile = `${dataDir}/jwt-secret`;
  if (!process.env.JWT_SECRET && !existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const port = process.env.PORT ?? '3000';
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    SMTP_URL: services.smtpUrl,
    JWT_SECRET: process.env.JWT_SECRET ?? readFileSync(secretFile, 'utf8').trim(),
    PORT: port,
    APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  };
  log('migrating and loading demo data');
  await step(process.execPath, ['dist/src/cli/migrate.js'], { env });
  await step(process.execPath, ['dist/src/cli/seed.js'], { env });

  const children = ['main.js', 'worker.js'].map((script) => spawn(process.execPath, [`dist/src/${script}`], { env, stdio: 'inherit' }));
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null))).then(() => {
      log('API and worker stopped; PostgreSQL, Redis and the mail catcher keep running (npm run stop stops them)');
      process.exit(code);
    });
  };
  for (const child of children) {
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`[start] ${child.spawnargs[1]} exited (${signal ?? code}); stopping the other process`);
        stop(1);
      }
    });
  }
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  const base = `http://localhost:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
    if (i > 600 || stopping) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`
  Clusterlink is running.
    API          ${base}/api/v1
    API docs     ${base}/api/docs   (JSON: ${base}/api/docs-json)
    Health       ${base}/health
    Mail view    ${services.mailWebUrl ?? '(SMTP_URL given: no local mail catcher)'}
  Demo accounts are listed above (password clusterlink-demo). Ctrl-C stops the API and worker.
`);
}

main().catch((error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
