// npm run bench:http — HTTP throughput of the API process: a bare endpoint against an
// authenticated, keyset-paginated list over a cluster with 10,000 organisations.
// Starts its own PostgreSQL, Redis and SMTP catcher (or uses DATABASE_URL/REDIS_URL/SMTP_URL),
// prints progress, and ends with one JSON line: {"hello_rps","list_rps","ratio","list_p99_ms",…}.
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { arg, buildAndMigrate, freePort, runBench } from './lib.mjs';
import { onNode24 } from '../scripts/lib/node-runtime.mjs';

// On Node < 24 the benchmark runs again on the project's Node 24 (docs/adr/0018).
await onNode24({ log: (msg) => process.stderr.write(`[bench:http] ${msg}\n`) });

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const argon2 = require('argon2');
const { Client } = require('pg');

const ROWS = arg('rows', 10_000);
const CONNECTIONS = arg('connections', 50);
const DURATION = arg('duration', 10);
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

function run(opts) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, outputStream: process.stderr });
  });
}

runBench('http', log, async ({ services, children }) => {
  const env = buildAndMigrate(services, log, {
    SMTP_URL: services.smtpUrl, JWT_SECRET: process.env.JWT_SECRET ?? crypto.randomBytes(48).toString('base64url'), LOG_LEVEL: 'warn', HTTP_LOGS: 'false',
    THROTTLE_AUTH_LIMIT: '1000',
  });
  log(`seeding ${ROWS} organisations in one cluster`);
  const staff = await seed(services.migrationDatabaseUrl);
  const port = await freePort();
  children.push(spawn(process.execPath, ['dist/src/main.js'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'inherit' }));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/health/live`).then((r) => r.ok, () => false)) break;
    if (i > 300) throw new Error('API did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(staff),
  }).then((r) => r.json());
  const headers = { authorization: `Bearer ${login.accessToken}` };
  const first = await fetch(`${base}/api/v1/organisations?limit=20`, { headers }).then((r) => r.json());
  if (!Array.isArray(first.items) || first.items.length !== 20) throw new Error(`list endpoint answered ${JSON.stringify(first)}`);

  log('warm-up');
  await run({ url: `${base}/health/live`, duration: 2 });
  await run({ url: `${base}/api/v1/organisations?limit=20`, headers, duration: 2 });
  log(`bare endpoint: ${CONNECTIONS} connections, ${DURATION} s`);
  const hello = await run({ url: `${base}/health/live` });
  // Pages spread over the 10k rows: the first page and pages deep in the keyset.
  const cursors = [null];
  let cursor = first.nextCursor;
  for (let i = 0; i < 20 && cursor; i++) {
    cursors.push(cursor);
    const page = await fetch(`${base}/api/v1/organisations?limit=20&cursor=${cursor}`, { headers }).then((r) => r.json());
    for (let skip = 0; skip < 20 && page.nextCursor; skip++) cursor = page.nextCursor;
    cursor = page.nextCursor;
  }
  let n = 0;
  log(`authenticated list (20 of ${ROWS} rows, ${cursors.length} different pages): ${CONNECTIONS} connections, ${DURATION} s`);
  const list = await run({
    url: `${base}/api/v1/organisations`,
    headers,
    requests: [{ setupRequest: (req) => {
      const c = cursors[n++ % cursors.length];
      return { ...req, path: `/api/v1/organisations?limit=20${c ? `&cursor=${c}` : ''}` };
    } }],
  });
  const non2xx = hello.non2xx + list.non2xx;
  const result = {
    hello_rps: Math.round(hello.requests.average),
    list_rps: Math.round(list.requests.average),
    ratio: Number((list.requests.average / hello.requests.average).toFixed(3)),
    list_p99_ms: list.latency.p99,
    hello_p99_ms: hello.latency.p99,
    connections: CONNECTIONS,
    duration_s: DURATION,
    rows: ROWS,
    errors: hello.errors + list.errors + non2xx,
  };
  log(`bare: ${result.hello_rps} req/s (p99 ${result.hello_p99_ms} ms); list: ${result.list_rps} req/s (p99 ${result.list_p99_ms} ms); ratio ${result.ratio}`);
  console.log(JSON.stringify(result));
});
