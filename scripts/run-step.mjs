// Small helpers shared by start.mjs, test.mjs and the benchmarks.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Runs a command with inherited output; rejects naming it when it fails. */
export function step(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)));
  });
}

/** Installs dependencies when node_modules is absent (a fresh clone), then compiles to dist/. */
export async function installAndBuild(log) {
  if (!existsSync('node_modules/.package-lock.json')) {
    log('installing dependencies (npm ci)');
    await step('npm', ['ci', '--no-audit', '--no-fund']);
  }
  log('compiling (npm run build)');
  await step('npm', ['run', '--silent', 'build']);
}
