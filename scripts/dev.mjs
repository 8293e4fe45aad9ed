// `npm run dev`: the API and the worker in watch mode, on the PostgreSQL, Redis and maildev that
// `npm start` uses (.data/dev, left running; `npm run stop` stops them). One `nest build --watch`
// compiles (nest-cli.json); after every compile without errors the script applies pending
// migrations and restarts both processes. One compiler rather than one per process: on a small
// machine two would halve the speed, and both would write the same dist/ files at once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { devStack, runningBanner } from './lib/dev-stack.mjs';
import { onNode24 } from './lib/node-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const log = (msg) => console.log(`[dev] ${msg}`);

await onNode24({ log }).catch((err) => { console.error(`[dev] ${err.message}`); process.exit(1); });

const NEST = path.join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
const APPS = [['API', 'dist/src/main.js'], ['worker', 'dist/src/worker.js']];
const apps = new Map(); // name -> ChildProcess
let watcher = null;
let stopping = false;

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

function runOnce(name, file, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { stdio: 'inherit', env });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${name} failed (${signal ?? `exit code ${code}`})`))));
  });
}

async function stopApps() {
  for (const child of apps.values()) child.kill('SIGTERM');
  await Promise.all([...apps.values()].map(exited));
  apps.clear();
}

function startApps(env) {
  for (const [name, file] of APPS) {
    const child = spawn(process.execPath, ['--enable-source-maps', file], { stdio: 'inherit', env });
    apps.set(name, child);
    child.on('exit', (code, signal) => {
      // Stopped by a restart or by Ctrl-C: expected. Otherwise it crashed: wait for the next save.
      if (apps.get(name) !== child || stopping || signal === 'SIGTERM' || signal === 'SIGINT') return;
      apps.delete(name);
      log(`the ${name} exited (${signal ?? `exit code ${code}`}); it restarts after the next successful compile.`);
    });
  }
}

async function shutdown(exitCode) {
  if (stopping) return;
  stopping = true;
  log('stopping the API, the worker and the compiler…');
  watcher?.kill('SIGTERM');
  await stopApps();
  log('PostgreSQL, Redis and maildev keep running; `npm run stop` stops them.');
  process.exit(exitCode);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

// Prints the addresses once the API answers /health (in the background: compiles go on meanwhile).
async function announceWhenHealthy(stack) {
  for (let i = 0; i < 240 && !stopping; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${stack.port}/health`, { signal: AbortSignal.timeout(2000) })).ok) {
        console.log(runningBanner(stack, 'Ctrl-C stops the API, the worker and the compiler.'));
        return;
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const stack = await devStack({ log, command: 'npm run dev' });
  const { env, ownerEnv } = stack;
  let first = true;
  let pending = null; // a restart in progress; a compile that lands meanwhile restarts again
  let again = false;

  const restart = async () => {
    if (pending) { again = true; return; }
    pending = (async () => {
      do {
        again = false;
        await stopApps();
        if (stopping) return;
        await runOnce('migrate', 'dist/src/cli/migrate.js', ownerEnv);
        if (first) await runOnce('seed', 'dist/src/cli/seed.js', ownerEnv);
        if (stopping) return;
        log(first ? 'starting the API and the worker…' : 'compiled: restarting the API and the worker…');
        startApps(env);
        if (first) announceWhenHealthy(stack);
        first = false;
      } while (again && !stopping);
    })().catch((err) => log(`${err.message}; waiting for the next save.`)).finally(() => { pending = null; });
  };

  log('compiling in watch mode (nest build --watch)…');
  watcher = spawn(process.execPath, [NEST, 'build', '--watch', '--preserveWatchOutput'], { stdio: ['ignore', 'pipe', 'inherit'], env });
  readline.createInterface({ input: watcher.stdout }).on('line', (line) => {
    console.log(line);
    // TypeScript's watch status line after each compile.
    if (/Found 0 errors\. Watching for file changes/.test(line)) restart();
  });
  watcher.on('exit', (code, signal) => {
    if (!stopping) { log(`the compiler exited (${signal ?? `exit code ${code}`}).`); shutdown(1); }
  });
}

main().catch(async (err) => {
  console.error(`\n[dev] ${err.message}`);
  await shutdown(1);
});
