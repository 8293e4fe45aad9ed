// npm run bench:http — HTTP throughput of the API process on a cluster with 10,000 organisations:
// its bare endpoint (no auth, no I/O), its authenticated keyset-paginated organisation list, and
// the same list answered by a minimal Fastify + pg server (bench/raw-list.mjs: same token check,
// same query as a named prepared statement). The three run interleaved, in rounds of
// hello, list, raw_list, so noise from other work on the machine falls on all of them.
// Starts its own PostgreSQL, Redis and SMTP catcher, prints progress on stderr, and ends with one
// JSON line: {"hello_rps","list_rps","raw_list_rps","list_over_raw","list_p99_ms","raw_p99_ms"}.
// Options: --rows 10000 --connections 50 --duration 5 (seconds per target per round) --rounds 3;
// --profile DIR runs the API's list, then the minimal server's, under load with V8's CPU profiler on
// in the server under load (bench/cpu-profile.cjs), and leaves api-*.cpuprofile and raw-*.cpuprofile
// in DIR (summary: `node bench/profile-summary.mjs FILE`).
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { arg, buildAndMigrate, cpuSecondsOfTree, freePort, pidFromFile, runBench } from './lib.mjs';
import { onNode24 } from '../scripts/lib/node-runtime.mjs';

// On Node < 24 the benchmark runs again on the project's Node 24 (docs/adr/0018).
await onNode24({ log: (msg) => process.stderr.write(`[bench:http] ${msg}\n`) });

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const argon2 = require('argon2');
const { Client } = require('pg');

const ROWS = arg('rows', 10_000);
const CONNECTIONS = arg('connections', 50);
const DURATION = arg('duration', 5);
const ROUNDS = arg('rounds', 3);
const PROFILE_DIR = process.argv.includes('--profile') ? resolve(process.argv[process.argv.indexOf('--profile') + 1]) : null;
const log = (msg) => process.stderr.write(`[bench:http] ${msg}\n`);


async function seed(databaseUrl) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows: [cluster] } = await db.query(
    `INSERT INTO clusters (name, country) VALUES ($1, 'FI') RETURNING id`, [`Bench cluster ${Date.now()}`]);
  await db.query(
    `INSERT INTO organisations (cluster_id, name, kind, naics_codes, country, employee_count, created_at)
     SELECT $1, 'Bench org ' || g, 'sme', '{326199}', 'FI', 10 + g % 200, now() - g * interval '1 second'
     FROM generate_series(1, $2) g`, [cluster.id, ROWS]);
  const email = `bench-staff-${Date.now()}@bench.example`;
  const hash = await argon2.hash('bench-password-1', { type: argon2.argon2id });
  await db.query(
    `INSERT INTO users (email, display_name, password_hash, roles, staff_cluster_id, email_verified_at)
     VALUES ($1, 'Bench staff', $2, '{staff}', $3, now())`, [email, hash, cluster.id]);
  await db.query('ANALYZE organisations');
  await db.end();
  return { email, password: 'bench-password-1' };
}

/** One autocannon run; its result keeps the latency histogram encoded so rounds can be merged. */
function run(opts) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, duration: DURATION, skipAggregateResult: true, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, outputStream: process.stderr });
  });
}

async function waitUntilUp(url) {
  for (let i = 0; ; i++) {
    if (await fetch(url).then((r) => r.status < 500, () => false)) return;
    if (i > 300) throw new Error(`${url} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Rounds of one target merged: requests per second over all its rounds, latency from the merged histogram. */
function merge(results) {
  const all = autocannon.aggregateResult(results, { url: 'http://127.0.0.1', connections: CONNECTIONS });
  const seconds = results.reduce((sum, r) => sum + r.duration, 0);
  return {
    rps: Math.round(results.reduce((sum, r) => sum + r.totalCompletedRequests, 0) / seconds),
    p99: all.latency.p99,
    p50: all.latency.p50,
    failures: all.errors + all.timeouts + all.non2xx,
  };
}

runBench('http', log, async ({ services, children }) => {
  const env = buildAndMigrate(services, log, {
    SMTP_URL: services.smtpUrl, JWT_SECRET: process.env.JWT_SECRET ?? crypto.randomBytes(48).toString('base64url'), LOG_LEVEL: 'warn', HTTP_LOGS: 'false',
    THROTTLE_AUTH_LIMIT: '1000',
  });
  log(`seeding ${ROWS} organisations in one cluster`);
  const staff = await seed(services.migrationDatabaseUrl);
  const [port, rawPort] = [await freePort(), await freePort()];
  const profiling = PROFILE_DIR ? ['--require', './bench/cpu-profile.cjs'] : [];
  const api = spawn(process.execPath, [...profiling, 'dist/src/main.js'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', BENCH_PROFILE_DIR: PROFILE_DIR ?? '' },
    stdio: PROFILE_DIR ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit',
  });
  children.push(api);
  // The minimal server connects as the API does: the application's role, a pool of the same size.
  const raw = spawn(process.execPath, [...profiling, 'bench/raw-list.mjs'], {
    env: { ...env, PORT: String(rawPort), HOST: '127.0.0.1', BENCH_PROFILE_DIR: PROFILE_DIR ?? '', BENCH_PROFILE_NAME: 'raw' },
    stdio: PROFILE_DIR ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit',
  });
  children.push(raw);
  const base = `http://127.0.0.1:${port}`;
  const rawBase = `http://127.0.0.1:${rawPort}`;
  await waitUntilUp(`${base}/health/live`);
  await waitUntilUp(`${rawBase}/organisations`);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(staff),
  }).then((r) => r.json());
  const headers = { authorization: `Bearer ${login.accessToken}` };
  const first = await fetch(`${base}/api/v1/organisations?limit=20`, { headers }).then((r) => r.json());
  if (!Array.isArray(first.items) || first.items.length !== 20) throw new Error(`list endpoint answered ${JSON.stringify(first)}`);
  // Pages spread over the rows: the first page and one starting about every ROWS/20 rows (every
  // 500th of 10,000), found by walking the keyset 100 rows at a time (a cursor names a row, so it
  // serves any page size).
  const cursors = [null];
  const step = Math.max(1, Math.round(ROWS / 21 / 100));
  let cursor = null;
  for (let walked = 1; cursors.length < 21; walked++) {
    const page = await fetch(`${base}/api/v1/organisations?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers }).then((r) => r.json());
    cursor = page.nextCursor;
    if (!cursor) break;
    if (walked % step === 0) cursors.push(cursor);
  }
  // Both servers must answer the same pages, or the comparison is not like for like.
  for (const c of cursors) {
    const q = `limit=20${c ? `&cursor=${c}` : ''}`;
    const [api, mini] = await Promise.all([
      fetch(`${base}/api/v1/organisations?${q}`, { headers }).then((r) => r.text()),
      fetch(`${rawBase}/organisations?${q}`, { headers }).then((r) => r.text()),
    ]);
    if (api !== mini) throw new Error(`the minimal server answered differently for ${q}:\n${api}\n${mini}`);
  }
  const rotating = (path) => {
    let n = 0;
    return [{ setupRequest: (req) => {
      const c = cursors[n++ % cursors.length];
      return { ...req, path: `${path}?limit=20${c ? `&cursor=${c}` : ''}` };
    } }];
  };
  const targets = {
    hello: { url: `${base}/health/live` },
    list: { url: `${base}/api/v1/organisations`, headers, requests: rotating('/api/v1/organisations') },
    raw_list: { url: `${rawBase}/organisations`, headers, requests: rotating('/organisations') },
  };
  log('warm-up');
  for (const opts of Object.values(targets)) await run({ ...opts, duration: 2 });
  if (PROFILE_DIR) {
    for (const [name, child] of [['list', api], ['raw_list', raw]]) {
      log(`profiling ${name}: ${CONNECTIONS} connections, ${DURATION * ROUNDS} s`);
      child.send('profile:start');
      const r = merge([await run({ ...targets[name], duration: DURATION * ROUNDS })]);
      child.send('profile:stop');
      log(`${name} under the profiler: ${r.rps} req/s, p99 ${r.p99} ms`);
      await new Promise((done) => setTimeout(done, 3000)); // the server writes its profile
    }
    return;
  }
  log(`${ROUNDS} rounds of hello, list, raw_list (${cursors.length} different pages of 20 of ${ROWS} rows): ${CONNECTIONS} connections, ${DURATION} s each`);
  const results = { hello: [], list: [], raw_list: [] };
  // CPU time of the process serving each target, per request: unlike req/s, it barely depends on
  // what else the machine is doing, so it says where the time goes even on a busy machine.
  // PostgreSQL's too (all its backends), which a prepared statement should lower.
  const cpu = { hello: 0, list: 0, raw_list: 0 };
  const dbCpu = { hello: 0, list: 0, raw_list: 0 };
  const server = { hello: api.pid, list: api.pid, raw_list: raw.pid };
  const postgres = pidFromFile(join(services.pgDir, 'postmaster.pid'));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, opts] of Object.entries(targets)) {
      const [before, dbBefore] = [cpuSecondsOfTree(server[name]), cpuSecondsOfTree(postgres)];
      const r = await run(opts);
      cpu[name] += cpuSecondsOfTree(server[name]) - before;
      dbCpu[name] += cpuSecondsOfTree(postgres) - dbBefore;
      results[name].push(r);
      log(`round ${round} ${name}: ${Math.round(r.totalCompletedRequests / r.duration)} req/s`);
    }
  }
  const [hello, list, rawList] = [merge(results.hello), merge(results.list), merge(results.raw_list)];
  log(`hello ${hello.rps} req/s (p50 ${hello.p50} ms, p99 ${hello.p99} ms); list ${list.rps} req/s (p50 ${list.p50} ms, p99 ${list.p99} ms); ` +
    `raw_list ${rawList.rps} req/s (p50 ${rawList.p50} ms, p99 ${rawList.p99} ms)`);
  const perRequest = (seconds, name) => ((1000 * seconds[name]) / results[name].reduce((sum, r) => sum + r.totalCompletedRequests, 0)).toFixed(3);
  log(`server CPU per request: hello ${perRequest(cpu, 'hello')} ms, list ${perRequest(cpu, 'list')} ms, raw_list ${perRequest(cpu, 'raw_list')} ms`);
  log(`PostgreSQL CPU per request: list ${perRequest(dbCpu, 'list')} ms, raw_list ${perRequest(dbCpu, 'raw_list')} ms`);
  const failures = hello.failures + list.failures + rawList.failures;
  if (failures > 0) throw new Error(`${failures} requests failed or were not 2xx; the figures above do not count`);
  console.log(JSON.stringify({
    hello_rps: hello.rps,
    list_rps: list.rps,
    raw_list_rps: rawList.rps,
    list_over_raw: Number((list.rps / rawList.rps).toFixed(3)),
    list_p99_ms: list.p99,
    raw_p99_ms: rawList.p99,
  }));
});
