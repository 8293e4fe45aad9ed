// Starts the backing services (PostgreSQL, Redis, maildev) as plain local processes, so that
// `npm start` and `npm test` work on a machine without a Docker engine. Node built-ins only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres, stopPostgres } from './postgres.mjs';
import { alive, bin, cmdlineHas, defaultLog, failure, IS_ROOT, killPid, pickPort, readPid, run, waitFor } from './proc.mjs';

// Speaks the Redis protocol directly: redis-cli is not always installed.
function redisCall(port, args, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    let buf = '';
    const done = (err, val) => { sock.destroy(); err ? reject(err) : resolve(val); };
    sock.setTimeout(timeoutMs, () => done(new Error('redis timeout')));
    sock.on('error', done).on('close', () => done(null, buf)); // SHUTDOWN answers by closing
    sock.on('data', (d) => {
      buf += d;
      const bulk = /^\$(\d+)\r\n/.exec(buf);
      if (bulk ? Buffer.byteLength(buf) >= bulk[0].length + Number(bulk[1]) + 2 : buf.endsWith('\r\n')) done(null, buf);
    });
    sock.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}
const redisPong = async (port) => (await redisCall(port, ['PING'])).startsWith('+PONG');
const redisPid = async (port) => Number(/process_id:(\d+)/.exec(await redisCall(port, ['INFO', 'server']))?.[1]);

const httpOk = (url) => new Promise((resolve) => {
  http.get(url, { timeout: 1000 }, (res) => { res.resume(); resolve(res.statusCode === 200); })
    .on('error', () => resolve(false)).on('timeout', function () { this.destroy(); resolve(false); });
});

async function ensureRedisInstalled(dataDir, log) {
  if (bin('redis-server', false)) return;
  if (!IS_ROOT) throw new Error('redis-server is not installed: run `sudo apt-get install -y redis-server` (or your OS equivalent).');
  const aptLog = path.join(dataDir, 'apt.log');
  log(`Redis: redis-server not found, installing it with apt-get (about a minute; output in ${aptLog})`);
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=120', 'redis-server']]) {
    const r = await run('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeoutMs: 600_000 });
    fs.appendFileSync(aptLog, `$ apt-get ${args.join(' ')}\n${r.out}\n`);
    if (r.code !== 0) throw failure(`Redis: apt-get ${args[0]} failed (exit ${r.code}).`, '', aptLog);
  }
  bin('redis-server');
}

async function startRedis({ dataDir, ports, state, reuse, taken, log }) {
  const dir = path.join(dataDir, 'redis');
  const [pidFile, logFile] = ['redis.pid', 'redis.log'].map((f) => path.join(dir, f));
  const [oldPid, oldPort] = [readPid(pidFile), state.redis?.port];
  if (reuse && oldPort && alive(oldPid) && (await redisPid(oldPort).catch(() => 0)) === oldPid) {
    taken.add(oldPort);
    log(`Redis: reusing the server already running on port ${oldPort}`);
    return { url: `redis://127.0.0.1:${oldPort}`, record: { port: oldPort }, stop: null };
  }
  await ensureRedisInstalled(dataDir, log);
  const port = await pickPort([ports.redis, oldPort], taken, 'Redis', log);
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(pidFile, { force: true });
  log(`Redis: starting on port ${port}`);
  const r = await run(bin('redis-server'), ['--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'yes',
    // AOF (fsync every second): a restart keeps queued and delayed jobs; what a loss drops, the worker's reconciler rebuilds from PostgreSQL.
    '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction',
    '--dir', dir, '--pidfile', pidFile, '--logfile', logFile]);
  if (r.code !== 0) throw failure(`Redis: redis-server failed (exit ${r.code}).`, r.out, logFile);
  await waitFor('Redis', async () => readPid(pidFile) && redisPong(port), 20_000, logFile);
  const pid = readPid(pidFile);
  const stop = async () => {
    await redisCall(port, ['SHUTDOWN', 'NOSAVE']).catch(() => {});
    await waitFor('Redis shutdown', async () => !alive(pid), 5_000).catch(() => killPid(pid, 'redis'));
    log('Redis stopped');
  };
  return { url: `redis://127.0.0.1:${port}`, record: { port }, stop };
}

function maildevBin() {
  try { return path.join(path.dirname(fileURLToPath(import.meta.resolve('maildev'))), 'bin', 'maildev.js'); }
  catch { return fileURLToPath(new URL('../../node_modules/maildev/dist/bin/maildev.js', import.meta.url)); }
}

async function startMaildev({ dataDir, ports, state, reuse, taken, log }) {
  const [pidFile, logFile] = ['maildev.pid', 'maildev.log'].map((f) => path.join(dataDir, f));
  const [old, oldPid] = [state.maildev, readPid(pidFile)];
  const urls = (smtp, web) => ({ url: `smtp://127.0.0.1:${smtp}`, webUrl: `http://127.0.0.1:${web}`, record: { smtp, web } });
  if (reuse && old?.web && alive(oldPid) && cmdlineHas(oldPid, 'maildev') && (await httpOk(`http://127.0.0.1:${old.web}/api/healthz`))) {
    taken.add(old.smtp).add(old.web);
    log(`maildev: reusing the instance already running (smtp ${old.smtp}, web ${old.web})`);
    return { ...urls(old.smtp, old.web), stop: null };
  }
  const smtp = await pickPort([ports.smtp, old?.smtp], taken, 'maildev SMTP', log);
  const web = await pickPort([ports.mailWeb, old?.web], taken, 'maildev web', log);
  // maildev keeps raw messages in os.tmpdir()/maildev and wipes that folder on "delete all":
  // a private TMPDIR keeps the dev and test instances from deleting each other's mail.
  const tmp = path.join(dataDir, 'maildev-tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MAILDEV_')));
  const fd = fs.openSync(logFile, 'a');
  log(`maildev: starting (smtp ${smtp}, web ${web})`);
  // STARTTLS is hidden so any SMTP client can use the plain smtp:// URL without TLS options.
  const child = spawn(process.execPath, [maildevBin(), '--smtp', String(smtp), '--web', String(web), '--ip', '127.0.0.1',
    '--web-ip', '127.0.0.1', '--hide-extensions', 'STARTTLS'],
  { cwd: dataDir, env: { ...env, TMPDIR: tmp }, detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  let exited = null; // lets the wait below give up at once when maildev dies (e.g. a bad flag)
  child.on('exit', (code, signal) => (exited = signal ?? code)).on('error', (e) => (exited = e.message));
  fs.writeFileSync(pidFile, String(child.pid));
  child.unref();
  const stop = async () => { await killPid(child.pid, 'maildev'); fs.rmSync(pidFile, { force: true }); log('maildev stopped'); };
  await waitFor('maildev', () => httpOk(`http://127.0.0.1:${web}/api/healthz`), 20_000, logFile, () => exited !== null)
    .catch(async (e) => { await stop(); throw exited === null ? e : failure(`maildev exited early (${exited}).`, '', logFile); });
  return { ...urls(smtp, web), stop };
}

const stateFile = (dataDir) => path.join(dataDir, 'services.json');
const readState = (dataDir) => { try { return JSON.parse(fs.readFileSync(stateFile(dataDir), 'utf8')); } catch { return {}; } };

/**
 * Starts PostgreSQL, Redis and maildev for `dataDir` (each skipped when DATABASE_URL / REDIS_URL /
 * SMTP_URL is set) and resolves { databaseUrl, migrationDatabaseUrl, pgDir, redisUrl, smtpUrl,
 * mailWebUrl, stop }: databaseUrl is the application's role, migrationDatabaseUrl the owner's.
 * `stop()` stops only what this call started; with `reuse`, services still running from an
 * earlier call on the same dataDir are used as they are.
 */
export async function startServices({ dataDir, ports = {}, reuse = false, log = defaultLog } = {}) {
  dataDir = path.resolve(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const state = readState(dataDir);
  const ctx = { dataDir, ports, state, reuse, taken: new Set(), log };
  const env = process.env;
  const given = (name, url, webUrl) => { log(`${name}: not started, using the URL from the environment`); return { url, webUrl }; };
  // Concurrently: installing Redis with apt takes a minute the others need not wait for.
  const results = await Promise.allSettled([
    env.DATABASE_URL ? { ...given('PostgreSQL', env.DATABASE_URL), migrationUrl: env.DATABASE_MIGRATION_URL || env.DATABASE_URL }
      : startPostgres(ctx),
    env.REDIS_URL ? given('Redis', env.REDIS_URL) : startRedis(ctx),
    env.SMTP_URL ? given('maildev', env.SMTP_URL, env.MAIL_WEB_URL || null) : startMaildev(ctx),
  ]);
  const stopAll = async () => {
    const stops = results.map((r) => r.value?.stop).filter(Boolean).reverse();
    for (const stop of stops) await stop().catch((e) => log(`stop failed: ${e.message}`));
  };
  const errors = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
  if (errors.length) {
    await stopAll();
    throw new Error(`Could not start the backing services:\n\n${errors.join('\n\n')}`);
  }
  const [pg, redis, mail] = results.map((r) => r.value);
  const record = { ...state, pg: pg.record ?? state.pg, redis: redis.record ?? state.redis, maildev: mail.record ?? state.maildev };
  fs.writeFileSync(stateFile(dataDir), `${JSON.stringify(record, null, 2)}\n`);
  let stopping;
  return { databaseUrl: pg.url, migrationDatabaseUrl: pg.migrationUrl, pgDir: pg.pgDir ?? null, redisUrl: redis.url, smtpUrl: mail.url, mailWebUrl: mail.webUrl ?? null,
    stop: () => (stopping ??= stopAll()) };
}

/** Stops every service recorded for `dataDir`, whoever started it (used by `npm run stop`). */
export async function stopServices({ dataDir, log = defaultLog } = {}) {
  dataDir = path.resolve(dataDir);
  const stopped = [];
  if (await stopPostgres(dataDir)) stopped.push('PostgreSQL');
  // SIGTERM makes Redis shut down cleanly, flushing its append-only file.
  if (await killPid(readPid(path.join(dataDir, 'redis', 'redis.pid')), 'redis')) stopped.push('Redis');
  const maildevPid = path.join(dataDir, 'maildev.pid');
  if (await killPid(readPid(maildevPid), 'maildev')) stopped.push('maildev');
  fs.rmSync(maildevPid, { force: true });
  log(stopped.length ? `stopped: ${stopped.join(', ')}` : 'nothing was running');
  return stopped;
}
