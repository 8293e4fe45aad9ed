// `npm start`: one command from a fresh clone to a running API + worker. PostgreSQL, Redis and
// maildev are left running on Ctrl-C so the next start takes seconds; `npm run stop` stops them.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServices } from './lib/services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const dataDir = path.join(root, '.data', 'dev');
const log = (msg) => console.log(`[start] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const children = new Map(); // name -> ChildProcess, for the signal handlers
let stopping = false;
let appStarted = false;

// Under `npm start` npm_execpath is the npm that launched us: use the same one.
const npm = (args) => (/npm-cli\.js$/.test(process.env.npm_execpath ?? '')
  ? [process.execPath, [process.env.npm_execpath, ...args]]
  : [process.platform === 'win32' ? 'npm.cmd' : 'npm', args]);

function spawnChild(name, cmd, args, env = process.env) {
  const child = spawn(cmd, args, { stdio: 'inherit', env });
  children.set(name, child);
  child.done = new Promise((resolve) => {
    child.on('error', (e) => resolve({ code: 1, signal: null, error: e }));
    child.on('exit', (code, signal) => resolve({ code, signal }));
  }).finally(() => children.delete(name));
  return child;
}

async function step(name, [cmd, args], env) {
  log(`${name}…`);
  const { code, signal, error } = await spawnChild(name, cmd, args, env).done;
  if (stopping) return new Promise(() => {}); // Ctrl-C killed the step: shutdown() exits
  if (code !== 0) throw new Error(`${name} failed (${error?.message ?? signal ?? `exit code ${code}`})`);
}

const portBusy = (port) => new Promise((resolve) => {
  const srv = net.createServer().once('error', () => resolve(true));
  srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(false)));
});

// Once per machine: a random secret kept in .data so tokens stay valid across restarts.
function jwtSecret() {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = path.join(dataDir, 'jwt-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

async function shutdown(reason, exitCode) {
  if (stopping) return;
  stopping = true;
  log(reason);
  for (const child of children.values()) child.kill('SIGTERM');
  // The app drains requests and jobs for SHUTDOWN_GRACE_SECONDS (20 s by default) before exiting.
  const force = setTimeout(() => {
    log('still running after 30s, killing');
    for (const child of children.values()) child.kill('SIGKILL');
  }, 30_000);
  await Promise.all([...children.values()].map((c) => c.done));
  clearTimeout(force);
  if (appStarted) log('API and worker stopped.');
  log('PostgreSQL, Redis and maildev keep running for the next `npm start`; `npm run stop` stops them.');
  process.exit(exitCode);
}

process.on('SIGINT', () => {
  if (!stopping) return shutdown('Ctrl-C: stopping the API and the worker (press Ctrl-C again to kill them)…', 0);
  for (const child of children.values()) child.kill('SIGKILL');
});
process.on('SIGTERM', () => shutdown('SIGTERM: stopping the API and the worker…', 0));

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return true;
    } catch {}
    await sleep(500);
  }
  return false;
}

async function main() {
  // npm writes node_modules/.package-lock.json last, so its absence also catches a broken install.
  if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) await step('npm ci', npm(['ci', '--no-audit', '--no-fund']));
  await step('build', npm(['run', 'build']));

  fs.mkdirSync(dataDir, { recursive: true });
  const services = await startServices({
    dataDir, reuse: true, ports: { pg: 54329, redis: 63799, smtp: 1025, mailWeb: 1080 },
    log: (msg) => log(msg),
  });
  const port = Number(process.env.PORT || 3000);
  if (await portBusy(port)) {
    throw new Error(`port ${port} is already in use (another \`npm start\`?). Stop that process or run with PORT=<other port>.`);
  }
  const appUrl = `http://localhost:${port}`;
  // Explicit environment wins for settings; the service URLs come from startServices, which
  // itself honours DATABASE_URL / REDIS_URL / SMTP_URL when they are set.
  // A person at a terminal reads coloured log lines; piped to a file or a collector, JSON lines.
  const env = {
    NODE_ENV: 'development', APP_URL: appUrl, DEMO_DATA: 'true', LOG_FORMAT: process.stdout.isTTY ? 'pretty' : 'json', ...process.env,
    DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, SMTP_URL: services.smtpUrl,
    JWT_SECRET: jwtSecret(), PORT: String(port),
    ...(services.mailWebUrl ? { MAIL_WEB_URL: services.mailWebUrl } : {}),
  };

  // Only migrate and seed sign in as the schema's owner; the API and worker get the app's role.
  const ownerEnv = { ...env, DATABASE_MIGRATION_URL: services.migrationDatabaseUrl };
  await step('migrate', [process.execPath, ['dist/src/cli/migrate.js']], ownerEnv);
  await step('seed', [process.execPath, ['dist/src/cli/seed.js']], ownerEnv);

  log('starting the API and the worker…');
  appStarted = true;
  for (const [name, file] of [['API', 'dist/src/main.js'], ['worker', 'dist/src/worker.js']]) {
    const child = spawnChild(name, process.execPath, [file], env);
    child.done.then(({ code, signal }) => {
      // A Ctrl-C reaches the children directly too; their exit is then expected, not a crash.
      if (stopping || signal === 'SIGINT') return shutdown('stopping…', 0);
      const other = name === 'API' ? 'worker' : 'API';
      shutdown(`the ${name} exited unexpectedly (${signal ?? `exit code ${code}`}); stopping the ${other}.`, 1);
    });
  }

  const healthUrl = `http://127.0.0.1:${port}/health`;
  if (!(await waitForHealth(healthUrl, 120_000))) {
    if (!stopping) await shutdown(`the API did not answer ${healthUrl} within 120s; stopping.`, 1);
    return;
  }
  const lines = [
    '',
    'Clusterlink is running',
    `  API      ${appUrl}/api/v1`,
    `  Docs     ${appUrl}/api/docs`,
    `  Health   ${appUrl}/health`,
    services.mailWebUrl ? `  Mail     ${services.mailWebUrl}   (every email the app sends lands here)` : null,
    '  Stop     Ctrl-C stops the API and the worker; `npm run stop` then stops PostgreSQL, Redis and maildev.',
    '',
  ];
  console.log(lines.filter((l) => l !== null).join('\n'));
}

main().catch(async (err) => {
  console.error(`\n[start] ${err.message}`);
  if (children.size) await shutdown('stopping what was started…', 1);
  process.exit(1);
});
