// Process, port and file helpers shared by the service starters in this folder. Node built-ins only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const IS_ROOT = process.getuid?.() === 0;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const defaultLog = (msg) => console.log(`[services] ${msg}`);

// initdb and postgres refuse to run as root, so as root they run as the `postgres` user.
export function run(cmd, args, { asPostgres = false, env = process.env, timeoutMs = 120_000 } = {}) {
  if (asPostgres && IS_ROOT) [cmd, args] = [bin('runuser'), ['-u', 'postgres', '--', cmd, ...args]];
  return new Promise((resolve, reject) => {
    // As postgres, run from '/': the caller's folder (a clone in root's home) may be closed to it.
    const child = spawn(cmd, args, { env, cwd: asPostgres && IS_ROOT ? '/' : undefined, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(new Error(`cannot run ${cmd}: ${e.message}`)); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, out: out.trim() }); });
  });
}

// Debian keeps the server binaries in /usr/lib/postgresql/<v>/bin, not always on PATH.
export function bin(name, required = true) {
  const pg = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => b - a) : [];
  const dirs = [...(process.env.PATH || '').split(path.delimiter), ...pg.map((v) => `/usr/lib/postgresql/${v}/bin`), '/usr/sbin'];
  for (const file of dirs.filter(Boolean).map((dir) => path.join(dir, name))) {
    try { fs.accessSync(file, fs.constants.X_OK); return file; } catch {}
  }
  if (required) throw new Error(`${name} not found on PATH (PostgreSQL 15 client and server binaries are needed)`);
  return null;
}

export const tail = (file) => { try { return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-25).join('\n'); } catch { return '(no log)'; } };
export const failure = (what, details, logFile) =>
  new Error(`${what}\n${details ? `${details}\n` : ''}${logFile ? `--- last lines of ${logFile} ---\n${tail(logFile)}` : ''}`);
export const readPid = (file) => { try { return Number(fs.readFileSync(file, 'utf8').trim()) || null; } catch { return null; } };
export const alive = (pid) => { try { return !!pid && process.kill(pid, 0); } catch (e) { return e.code === 'EPERM'; } };
// Guards against a recycled pid: only signal a process whose command line is the one we expect.
export const cmdlineHas = (pid, word) => { try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(word); } catch { return process.platform !== 'linux'; } };

export async function waitFor(what, check, timeoutMs, logFile, giveUp = () => false) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !giveUp()) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw failure(`${what} did not become ready within ${timeoutMs / 1000}s.`, '', logFile);
}

export async function killPid(pid, word, timeoutMs = 10_000) {
  if (!alive(pid) || !cmdlineHas(pid, word)) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}

// Binding is the only reliable "is it free?" test; port 0 asks the kernel for any free port.
export const tryListen = (port) => new Promise((resolve) => {
  const srv = net.createServer().once('error', () => resolve(null));
  srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => { const p = srv.address().port; srv.close(() => resolve(p)); });
});

// `taken` is shared by the services started concurrently so that no two pick the same port.
export async function pickPort(candidates, taken, name, log) {
  for (const port of new Set(candidates.filter(Boolean))) {
    if (!taken.has(port) && (await tryListen(port)) && !taken.has(port)) return taken.add(port) && port;
    log(`${name}: port ${port} is busy, picking a free one`);
  }
  for (;;) {
    const port = await tryListen(0);
    if (port && !taken.has(port)) return taken.add(port) && port;
  }
}
