// Starts the backing services (PostgreSQL, Redis, maildev) as plain local processes, so that
// `npm start` and `npm test` work on a machine without a Docker engine. Node built-ins only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IS_ROOT = process.getuid?.() === 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const defaultLog = (msg) => console.log(`[services] ${msg}`);

// initdb and postgres refuse to run as root, so as root they run as the `postgres` user.
function run(cmd, args, { asPostgres = false, env = process.env, timeoutMs = 120_000 } = {}) {
  if (asPostgres && IS_ROOT) [cmd, args] = [bin('runuser'), ['-u', 'postgres', '--', cmd, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(new Error(`cannot run ${cmd}: ${e.message}`)); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, out: out.trim() }); });
  });
}

// Debian keeps the server binaries in /usr/lib/postgresql/<v>/bin, not always on PATH.
function bin(name, required = true) {
  const pg = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => b - a) : [];
  const dirs = [...(process.env.PATH || '').split(path.delimiter), ...pg.map((v) => `/usr/lib/postgresql/${v}/bin`), '/usr/sbin'];
  for (const file of dirs.filter(Boolean).map((dir) => path.join(dir, name))) {
    try { fs.accessSync(file, fs.constants.X_OK); return file; } catch {}
  }
  if (required) throw new Error(`${name} not found on PATH (PostgreSQL 15 client and server binaries are needed)`);
  return null;
}

const tail = (file) => { try { return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-25).join('\n'); } catch { return '(no log)'; } };
const failure = (what, details, logFile) =>
  new Error(`${what}\n${details ? `${details}\n` : ''}${logFile ? `--- last lines of ${logFile} ---\n${tail(logFile)}` : ''}`);
const readPid = (file) => { try { return Number(fs.readFileSync(file, 'utf8').trim()) || null; } catch { return null; } };
const alive = (pid) => { try { return !!pid && process.kill(pid, 0); } catch (e) { return e.code === 'EPERM'; } };
// Guards against a recycled pid: only signal a process whose command line is the one we expect.
const cmdlineHas = (pid, word) => { try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(word); } catch { return process.platform !== 'linux'; } };

async function waitFor(what, check, timeoutMs, logFile, giveUp = () => false) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !giveUp()) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw failure(`${what} did not become ready within ${timeoutMs / 1000}s.`, '', logFile);
}

async function killPid(pid, word, timeoutMs = 10_000) {
  if (!alive(pid) || !cmdlineHas(pid, word)) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}

// Binding is the only reliable "is it free?" test; port 0 asks the kernel for any free port.
const tryListen = (port) => new Promise((resolve) => {
  const srv = net.createServer().once('error', () => resolve(null));
  srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => { const p = srv.address().port; srv.close(() => resolve(p)); });
});

// `taken` is shared by the services started concurrently so that no two pick the same port.
async function pickPort(candidates, taken, name, log) {
  for (const port of new Set(candidates.filter(Boolean))) {
    if (!taken.has(port) && (await tryListen(port)) && !taken.has(port)) return taken.add(port) && port;
    log(`${name}: port ${port} is busy, picking a free one`);
  }
  for (;;) {
    const port = await tryListen(0);
    if (port && !taken.has(port)) return taken.add(port) && port;
  }
}

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

const pgDirOf = (dataDir) => path.join(dataDir, 'pg');
const pgReady = async (port) => (await run(bin('pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres'])).code === 0;

// Returns the port of a postmaster running on this data dir, or null.
async function pgRunningPort(pgDir) {
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) return null;
  if ((await run(bin('pg_ctl'), ['status', '-D', pgDir], { asPostgres: true })).code !== 0) return null;
  try { return Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[3]) || null; } catch { return null; }
}
const pgStop = (pgDir) => run(bin('pg_ctl'), ['stop', '-D', pgDir, '-m', 'fast', '-w'], { asPostgres: true });

async function startPostgres({ dataDir, ports, state, reuse, taken, log }) {
  const [pgDir, logFile] = [pgDirOf(dataDir), path.join(pgDirOf(dataDir), 'server.log')];
  let port = reuse && (await pgRunningPort(pgDir));
  const started = !port;
  if (port) {
    taken.add(port);
    log(`PostgreSQL: reusing the server already running on port ${port}`);
  } else {
    port = await pickPort([ports.pg, state.pg?.port], taken, 'PostgreSQL', log);
    fs.mkdirSync(pgDir, { recursive: true });
    if (IS_ROOT) {
      // The postgres user must reach the data dir; mkdtemp folders are 0700.
      if ((fs.statSync(dataDir).mode & 0o001) === 0) fs.chmodSync(dataDir, 0o755);
      const own = await run('chown', ['-R', 'postgres:', pgDir]);
      if (own.code !== 0) throw failure('PostgreSQL: as root it must run as the `postgres` user, and chown to it failed.', own.out);
      if ((await run(bin('test'), ['-w', pgDir], { asPostgres: true })).code !== 0)
        throw new Error(`PostgreSQL: the postgres user cannot write ${pgDir}; make every parent folder traversable (chmod o+x).`);
    }
    if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
      log(`PostgreSQL: initdb ${pgDir}`);
      const utf8 = (await run('locale', ['-a']).catch(() => ({ out: '' }))).out.split('\n').includes('C.utf8');
      const r = await run(bin('initdb'), ['-D', pgDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8',
        `--locale=${utf8 ? 'C.UTF-8' : 'C'}`, ...(reuse ? [] : ['--no-sync'])], { asPostgres: true });
      if (r.code !== 0) throw failure(`PostgreSQL: initdb failed (exit ${r.code}).`, r.out);
    }
    // No Unix socket (-k ''): everything connects over TCP, and long socket paths can't break it.
    // Throw-away test clusters skip fsync: their data dies with the run anyway.
    const opts = `-p ${port} -h 127.0.0.1 -k ''${reuse ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'}`;
    log(`PostgreSQL: starting on port ${port}`);
    const r = await run(bin('pg_ctl'), ['start', '-w', '-t', '60', '-D', pgDir, '-l', logFile, '-o', opts], { asPostgres: true });
    if (r.code !== 0) throw failure(`PostgreSQL: pg_ctl start failed (exit ${r.code}).`, r.out, logFile);
  }
  const psql = async (sql) => {
    const r = await run(bin('psql'), ['-X', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-tAc', sql]);
    if (r.code !== 0) throw failure(`PostgreSQL: \`${sql}\` failed.`, r.out, logFile);
    return r.out;
  };
  try {
    await waitFor('PostgreSQL', () => pgReady(port), 30_000, logFile);
    if ((await psql("select 1 from pg_database where datname = 'clusterlink'")) !== '1') {
      await psql('create database clusterlink');
      log('PostgreSQL: created database clusterlink');
    }
  } catch (e) {
    if (started) await pgStop(pgDir);
    throw e;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/clusterlink`, record: { port },
    stop: started ? async () => { await pgStop(pgDir); log('PostgreSQL stopped'); } : null };
}

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
 * SMTP_URL is set) and resolves { databaseUrl, redisUrl, smtpUrl, mailWebUrl, stop }.
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
    env.DATABASE_URL ? given('PostgreSQL', env.DATABASE_URL) : startPostgres(ctx),
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
  return { databaseUrl: pg.url, redisUrl: redis.url, smtpUrl: mail.url, mailWebUrl: mail.webUrl ?? null,
    stop: () => (stopping ??= stopAll()) };
}

/** Stops every service recorded for `dataDir`, whoever started it (used by `npm run stop`). */
export async function stopServices({ dataDir, log = defaultLog } = {}) {
  dataDir = path.resolve(dataDir);
  const stopped = [];
  if (await pgRunningPort(pgDirOf(dataDir))) { await pgStop(pgDirOf(dataDir)); stopped.push('PostgreSQL'); }
  // SIGTERM makes Redis shut down cleanly, flushing its append-only file.
  if (await killPid(readPid(path.join(dataDir, 'redis', 'redis.pid')), 'redis')) stopped.push('Redis');
  const maildevPid = path.join(dataDir, 'maildev.pid');
  if (await killPid(readPid(maildevPid), 'maildev')) stopped.push('maildev');
  fs.rmSync(maildevPid, { force: true });
  log(stopped.length ? `stopped: ${stopped.join(', ')}` : 'nothing was running');
  return stopped;
}
