// `npm test [-- jest args]`: builds, starts PostgreSQL, Redis and maildev on free ports in a
// temporary folder, migrates, runs Jest, and always stops what it started and deletes the folder.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onNode24 } from './lib/node-runtime.mjs';
import { startServices } from './lib/services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const log = (msg) => console.log(`[test] ${msg}`);
const timings = [];

// A fresh clone installs its dependencies here (CI has run them already); on Node < 24 the rest
// runs on the Node 24 they include (this script again, in a child process).
await onNode24({ log }).catch((err) => { console.error(`[test] ${err.message}`); process.exit(1); });

let current = null; // the child running now, so a signal can stop it
let interrupted = null;
let tmpDir = null;
let services = null;

// Under `npm test` npm_execpath is the npm that launched us: use the same one.
const npm = (args) => (/npm-cli\.js$/.test(process.env.npm_execpath ?? '')
  ? [process.execPath, [process.env.npm_execpath, ...args]]
  : [process.platform === 'win32' ? 'npm.cmd' : 'npm', args]);

// Each command runs in its own process group so that one signal reaches everything it spawned:
// Jest's workers and the API/worker/redis processes the e2e tests start would otherwise outlive it.
const signalGroup = (child, signal) => { try { process.kill(-child.pid, signal); } catch {} };

/** Runs a command with inherited output; resolves to its exit code (1 when killed by a signal). */
function run([cmd, args], env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env, detached: true });
    current = child;
    child.on('error', (e) => { log(`cannot run ${cmd}: ${e.message}`); resolve(1); });
    child.on('exit', (code) => {
      current = null;
      signalGroup(child, 'SIGKILL'); // whatever the command left behind
      resolve(code ?? 1);
    });
  });
}

async function phase(name, fn, { evenIfInterrupted = false } = {}) {
  if (interrupted && !evenIfInterrupted) throw new Error(`interrupted by ${interrupted}`);
  const started = Date.now();
  log(`${name}…`);
  try {
    return await fn();
  } finally {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    timings.push(`${name} ${seconds}s`);
    log(`${name} took ${seconds}s`);
  }
}

async function mustPass(name, command, env) {
  const code = await run(command, env);
  if (code !== 0) throw new Error(interrupted ? `interrupted by ${interrupted}` : `${name} failed (exit code ${code})`);
}

// The children are not in the terminal's process group, so Ctrl-C reaches only us: pass it on,
// then the normal path below cleans up.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interrupted) return current && signalGroup(current, 'SIGKILL'); // second signal: no more patience
    interrupted = signal;
    log(`${signal}: stopping, then cleaning up (again to force)…`);
    if (current) signalGroup(current, 'SIGTERM');
  });
}

async function main() {
  await phase('build', () => mustPass('build', npm(['run', 'build'])));
  // ts-jest only transpiles; this is where the tests' own types are checked.
  await phase('typecheck', () => mustPass('typecheck', npm(['run', '--silent', 'typecheck'])));
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlink-test-'));
  // The suite always gets its own services, whatever the developer's shell points at.
  for (const name of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'REDIS_URL', 'SMTP_URL', 'MAIL_WEB_URL']) delete process.env[name];
  services = await phase('services', () => startServices({ dataDir: tmpDir, reuse: false, log: (m) => log(m) }));
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: services.databaseUrl,
    DATABASE_MIGRATION_URL: services.migrationDatabaseUrl,
    REDIS_URL: services.redisUrl,
    SMTP_URL: services.smtpUrl,
    MAIL_WEB_URL: services.mailWebUrl,
    JWT_SECRET: `test-secret-${crypto.randomBytes(16).toString('hex')}`,
    // The suite signs in many users from one address; the rate-limit test starts its own API
    // with a low limit.
    THROTTLE_AUTH_LIMIT: '100000',
    // Likewise per account: the suite signs some users in many times (rate-limits.e2e-spec.ts
    // starts APIs with low ones).
    THROTTLE_ACCOUNT_LIMIT: '100000',
    THROTTLE_MAIL_LIMIT: '100000',
    // A rule change schedules a cluster rebuild after a quiet minute; in the suite that rebuild
    // would land in a later file's worker. The one test of it starts a worker with a short delay.
    MATCHING_RULES_REBUILD_DELAY_MS: '3600000',
    // Every API the tests start checks its responses against its OpenAPI document (below).
    OPENAPI_RESPONSE_CHECK_FILE: path.join(tmpDir, 'contract-violations.jsonl'),
  };
  await phase('migrate', () => mustPass('migrate', [process.execPath, ['dist/src/cli/migrate.js']], env));
  const report = path.join(tmpDir, 'jest.json');
  const jestArgs = ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${report}`, ...process.argv.slice(2)];
  // The medium tier loads Nest 12's ES modules in Jest's VM, which needs this flag (docs/adr/0018).
  const nodeArgs = ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning'];
  const code = await phase('jest', () => run([process.execPath, [...nodeArgs, ...jestArgs]], env));
  if (interrupted) return code;
  // One plain closing line CI can read, whatever the reporter printed above.
  try {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`);
  } catch {
    console.log('tests: 0 passed, 1 failed (jest wrote no report)');
  }
  return contractViolations(env.OPENAPI_RESPONSE_CHECK_FILE) ? code || 1 : code;
}

/** Prints the responses that did not match the OpenAPI document; true when there were any. */
function contractViolations(file) {
  if (!fs.existsSync(file)) return false;
  const seen = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const v = JSON.parse(line);
    const key = `${v.method} ${v.path} → ${v.status}: ${v.problem}${v.errors ? ` (${v.errors.join('; ')})` : ''}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  if (seen.size === 0) return false;
  console.log(`contract: ${seen.size} kinds of responses do not match the OpenAPI document:`);
  for (const [key, n] of [...seen].slice(0, 60)) console.log(`  ${key}${n > 1 ? ` ×${n}` : ''}`);
  return true;
}

let exitCode;
try {
  exitCode = await main();
} catch (err) {
  console.error(`[test] ${err.message}`);
  exitCode = 1;
} finally {
  // Cleanup must not depend on how the run ended: a leftover postgres would keep the port and disk.
  await phase('cleanup', async () => {
    if (current) await new Promise((resolve) => current.once('exit', resolve));
    if (services) await services.stop().catch((e) => log(`stopping services failed: ${e.message}`));
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  }, { evenIfInterrupted: true }).catch((e) => log(`cleanup failed: ${e.message}`));
}
if (interrupted) exitCode = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[interrupted];
log(`${timings.join(' · ')}; exit code ${exitCode}`);
process.exit(exitCode);
