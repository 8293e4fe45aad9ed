// Starts a local PostgreSQL for `npm start`, `npm test` and the benchmarks, with the database
// `clusterlink` and the two roles the service uses: migrations run as the server's owner role
// (`postgres`, which owns every table), the API and worker as `clusterlink_app`, which gets only
// the rights `npm run migrate` grants it (docs/adr/0012). Node built-ins only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bin, failure, IS_ROOT, pickPort, run, waitFor } from './proc.mjs';

export const APP_ROLE = 'clusterlink_app';
const OWNER_ROLE = 'postgres';
// Where PostgreSQL's files go when the postgres user cannot enter the project's folder.
const SHARED_ROOT = '/var/lib/clusterlink';

const pgReady = async (port) => (await run(bin('pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', OWNER_ROLE, '-d', 'postgres'])).code === 0;
const pgStop = (pgDir) => run(bin('pg_ctl'), ['stop', '-D', pgDir, '-m', 'fast', '-w'], { asPostgres: true });

/**
 * The data directory of `dataDir`'s PostgreSQL. As root, the server runs as the `postgres` user,
 * which cannot enter a folder such as root's home (mode 0700); rather than asking anyone to open
 * their home, such a project keeps its PostgreSQL files in /var/lib/clusterlink/<hash of dataDir>.
 * The answer depends only on `dataDir` and the file system, so `npm stop` finds the same folder.
 */
export async function pgDirOf(dataDir) {
  const local = path.join(dataDir, 'pg');
  if (!IS_ROOT) return local;
  // dataDir is the project's own folder: letting others traverse it exposes nothing (pg/ is 0700).
  if ((fs.statSync(dataDir).mode & 0o001) === 0) fs.chmodSync(dataDir, 0o755);
  if ((await run(bin('test'), ['-x', dataDir], { asPostgres: true })).code === 0) return local;
  const hash = crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(SHARED_ROOT, hash, 'pg');
}

/** The port of a postmaster running on this data dir, or null. */
export async function pgRunningPort(pgDir) {
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) return null;
  if ((await run(bin('pg_ctl'), ['status', '-D', pgDir], { asPostgres: true })).code !== 0) return null;
  try { return Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[3]) || null; } catch { return null; }
}

/** Stops the PostgreSQL recorded for `dataDir`; true when one was running. */
export async function stopPostgres(dataDir) {
  const pgDir = await pgDirOf(dataDir);
  if (!(await pgRunningPort(pgDir))) return false;
  await pgStop(pgDir);
  return true;
}

async function initAndStart(pgDir, port, reuse, logFile, log) {
  // In the shared place, the folders above pgDir must let the postgres user through.
  const top = pgDir.startsWith(`${SHARED_ROOT}/`) ? path.dirname(pgDir) : pgDir;
  if (top !== pgDir) {
    fs.mkdirSync(SHARED_ROOT, { recursive: true });
    fs.chmodSync(SHARED_ROOT, 0o755);
  }
  fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  if (IS_ROOT) {
    const own = await run('chown', ['-R', 'postgres:', top]);
    if (own.code !== 0) throw failure('PostgreSQL: as root it must run as the `postgres` user, and chown to it failed.', own.out);
    if ((await run(bin('test'), ['-w', pgDir], { asPostgres: true })).code !== 0) {
      throw new Error(`PostgreSQL: the postgres user cannot write ${pgDir}.`);
    }
  }
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`PostgreSQL: initdb ${pgDir}`);
    const utf8 = (await run('locale', ['-a']).catch(() => ({ out: '' }))).out.split('\n').includes('C.utf8');
    const r = await run(bin('initdb'), ['-D', pgDir, '-U', OWNER_ROLE, '--auth=trust', '-E', 'UTF8',
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

export async function startPostgres({ dataDir, ports, state, reuse, taken, log }) {
  const pgDir = await pgDirOf(dataDir);
  const logFile = path.join(pgDir, 'server.log');
  const elsewhere = path.dirname(pgDir) !== dataDir;
  let port = reuse && (await pgRunningPort(pgDir));
  const started = !port;
  if (port) {
    taken.add(port);
    log(`PostgreSQL: reusing the server already running on port ${port}`);
  } else {
    port = await pickPort([ports.pg, state.pg?.port], taken, 'PostgreSQL', log);
    if (elsewhere) log(`PostgreSQL: the postgres user cannot enter ${dataDir}; its files live in ${pgDir}`);
    await initAndStart(pgDir, port, reuse, logFile, log);
  }
  const psql = async (sql) => {
    const r = await run(bin('psql'), ['-X', '-h', '127.0.0.1', '-p', String(port), '-U', OWNER_ROLE, '-d', 'postgres', '-tAc', sql]);
    if (r.code !== 0) throw failure(`PostgreSQL: \`${sql}\` failed.`, r.out, logFile);
    return r.out;
  };
  // A throw-away server's files go with it, wherever they live.
  const discard = () => { if (!reuse && elsewhere) fs.rmSync(path.dirname(pgDir), { recursive: true, force: true }); };
  try {
    await waitFor('PostgreSQL', () => pgReady(port), 30_000, logFile);
    if ((await psql("select 1 from pg_database where datname = 'clusterlink'")) !== '1') {
      await psql('create database clusterlink');
      log('PostgreSQL: created database clusterlink');
    }
    // The application's role: it may log in and nothing more until `npm run migrate` grants it rights.
    if ((await psql(`select 1 from pg_roles where rolname = '${APP_ROLE}'`)) !== '1') {
      await psql(`create role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole noinherit`);
    }
  } catch (e) {
    if (started) { await pgStop(pgDir); discard(); }
    throw e;
  }
  const url = (role) => `postgres://${role}@127.0.0.1:${port}/clusterlink`;
  return { url: url(APP_ROLE), migrationUrl: url(OWNER_ROLE), pgDir, record: { port },
    stop: started ? async () => { await pgStop(pgDir); discard(); log('PostgreSQL stopped'); } : null };
}
