// `npm start`: one command from a fresh clone to a running API + worker. PostgreSQL, Redis and
// maildev are left running on Ctrl-C so the next start takes seconds; `npm run stop` stops them.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { devStack, runningBanner } from './lib/dev-stack.mjs';
import { onNode24 } from './lib/node-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const log = (msg) => console.log(`[start] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A fresh clone installs its dependencies here; on Node < 24 the rest runs on the Node 24 they
// include (this script again, in a child process).
await onNode24({ log }).catch((err) => { console.error(`\n[start] ${err.message}`); process.exit(1); });

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
  await step('build', npm(['run', 'build']));
  const stack = await devStack({ log, command: 'npm start' });
  const { env, ownerEnv, port } = stack;
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
  console.log(runningBanner(stack, 'Ctrl-C stops the API and the worker; `npm run stop` then stops PostgreSQL, Redis and maildev.'));
}

main().catch(async (err) => {
  console.error(`\n[start] ${err.message}`);
  if (children.size) await shutdown('stopping what was started…', 1);
  process.exit(1);
});
