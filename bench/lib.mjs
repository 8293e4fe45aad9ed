// Small helpers every benchmark uses.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServices } from '../scripts/lib/services.mjs';

// Benchmarks run as production does, which refuses short or published secrets.
const BENCH_SECRET = crypto.randomBytes(48).toString('base64url');

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
    ...process.env, NODE_ENV: 'production', DATABASE_URL: services.databaseUrl,
    DATABASE_MIGRATION_URL: services.migrationDatabaseUrl, REDIS_URL: services.redisUrl,
    JWT_SECRET: BENCH_SECRET, ...extra,
  };
  log('building and migrating');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['dist/src/cli/migrate.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return env;
}

/**
 * Runs a benchmark against its own PostgreSQL, Redis and SMTP catcher in a temporary folder:
 * `body` gets the services, a list to put its child processes in, and the folder. Whatever
 * happens, the children are stopped, then the services, and the folder is removed; a failure is
 * printed and the process exits 1.
 */
export function runBench(name, log, body) {
  const main = async () => {
    const dataDir = mkdtempSync(join(tmpdir(), `clusterlink-bench-${name}-`));
    const services = await startServices({ dataDir, log });
    const children = [];
    try {
      await body({ services, children, dataDir });
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

/** A process's parent, its own CPU seconds (user + system) and its reaped children's; null once it is gone. */
function cpuOf(pid) {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return { ppid: Number(fields[1]), self: (Number(fields[11]) + Number(fields[12])) / 100, reaped: (Number(fields[13]) + Number(fields[14])) / 100 };
  } catch {
    return null;
  }
}

/**
 * CPU seconds a process and all its descendants have used so far, exited ones included (the
 * kernel adds a child's time to its parent when the parent reaps it). Linux clock ticks of 1/100 s.
 */
export function cpuSecondsOfTree(rootPid) {
  const procs = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const cpu = cpuOf(Number(name));
    if (cpu) procs.set(Number(name), cpu);
  }
  const total = (pid) => {
    const me = procs.get(pid);
    if (!me) return 0;
    let seconds = me.self + me.reaped;
    for (const [child, cpu] of procs) if (cpu.ppid === pid) seconds += total(child);
    return seconds;
  };
  return total(rootPid);
}

/** The pid in the first line of a pid file (PostgreSQL's postmaster.pid, Redis's pid file). */
export const pidFromFile = (file) => Number(readFileSync(file, 'utf8').split('\n')[0]);
