import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * E2E tests drive the real processes: `node dist/src/main.js` and `node dist/src/worker.js`, as
 * `npm start` runs them, over real sockets: running the built processes tests exactly what ships.
 */
const ROOT = join(__dirname, '..', '..');

/**
 * The processes run on Node >= 24 (docs/adr/0018): Jest's own Node when it is one (`npm test`
 * makes sure of that), else the one npm installed as the devDependency `node`.
 */
const INSTALLED_NODE = join(ROOT, 'node_modules', 'node', 'bin', 'node');
export const NODE = Number(process.versions.node.split('.')[0]) >= 24 || !existsSync(INSTALLED_NODE) ? process.execPath : INSTALLED_NODE;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM and wait for exit (SIGKILL after 10 s); resolves to the exit code or signal. */
  stop(): Promise<number | string | null>;
  /** SIGKILL: no graceful shutdown. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

export function spawnNode(script: string, env: Record<string, string> = {}): RunningProcess {
  const child = spawn(NODE, [join(ROOT, 'dist', 'src', script)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info', HTTP_LOGS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const outcome = () => child.exitCode ?? child.signalCode;
  return {
    child,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return outcome();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      return outcome();
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface RunningApi extends RunningProcess {
  url: string;
}

async function waitFor(check: () => Promise<boolean>, proc: RunningProcess, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${what} exited early:\n${proc.output()}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts an API process on a free port and waits until it serves HTTP. */
export async function startApi(env: Record<string, string> = {}): Promise<RunningApi> {
  const port = await freePort();
  const proc = spawnNode('main.js', { PORT: String(port), HOST: '127.0.0.1', APP_URL: `http://127.0.0.1:${port}`, ...env });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/health`)).ok, proc, 'API');
  return Object.assign(proc, { url });
}

/** Starts a worker process and waits until its processors are running. */
export async function startWorker(env: Record<string, string> = {}): Promise<RunningProcess> {
  const proc = spawnNode('worker.js', env);
  await waitFor(async () => proc.output().includes('worker ready'), proc, 'worker');
  return proc;
}
