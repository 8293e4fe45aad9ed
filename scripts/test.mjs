// npm test — builds, starts PostgreSQL, Redis and the SMTP catcher on free ports in a temporary
// folder, migrates, runs Jest (unit and e2e), and always stops what it started.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installAndBuild, step } from './run-step.mjs';

const log = (msg) => console.log(`[test] ${msg}`);
process.chdir(new URL('..', import.meta.url).pathname);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

let services;
let dataDir;
let cleaning;
async function cleanup() {
  cleaning ??= (async () => {
    if (services) await services.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => cleanup().finally(() => process.exit(130)));
}

async function main() {
  await installAndBuild(log);
  log(`built (${elapsed()})`);
  const { startServices } = await import('./lib/services.mjs');
  dataDir = mkdtempSync(join(tmpdir(), 'clusterlink-test-'));
  // The test run always uses its own services, whatever the developer's shell has set.
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'MAIL_WEB_URL']) delete process.env[name];
  services = await startServices({ dataDir, reuse: false, log: (m) => console.log(`[services] ${m}`) });
  log(`services up (${elapsed()})`);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    SMTP_URL: services.smtpUrl,
    MAIL_WEB_URL: services.mailWebUrl,
    JWT_SECRET: `test-${randomBytes(16).toString('hex')}`,
    // Auth endpoints are rate-limited; the suite signs in many users from one address. The
    // rate-limit test starts its own API with a low limit.
    THROTTLE_AUTH_LIMIT: '100000',
  });
  await step(process.execPath, ['dist/src/cli/migrate.js']);
  log(`migrated (${elapsed()})`);
  const report = join(dataDir, 'jest.json');
  const jest = step(process.execPath, ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${report}`, ...process.argv.slice(2)]);
  try {
    await jest;
  } finally {
    // One plain closing line CI can read whatever the runner: "tests: N passed, N failed".
    try {
      const r = JSON.parse(readFileSync(report, 'utf8'));
      console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`);
    } catch {
      console.log('tests: 0 passed, 1 failed');
    }
  }
  log(`jest passed (${elapsed()})`);
}

let code = 0;
try {
  await main();
} catch (error) {
  console.error(`[test] ${error.message}`);
  code = 1;
} finally {
  await cleanup();
}
log(`done in ${elapsed()}`);
process.exit(code);
