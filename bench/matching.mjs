// npm run bench:matching [-- --smes 10000 --workers 1 --sample 200 --refreshes 30]
// A deterministic market (fixed seed; Zipf-distributed NAICS manufacturing categories, 64
// regions, ~5 products per SME, 60 % of SMEs with a channel that has spare capacity) is loaded
// into PostgreSQL; a staff member starts the production rebuild over HTTP and real worker
// processes run it. Then: recall@10 of the proposals against a brute-force scan on a sample of
// host channels, and the time of incremental refreshes of single SMEs. Progress goes to stderr;
// the last line on stdout is one JSON object.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { arg, buildAndMigrate, cpuSecondsOfTree, pidFromFile, sleep, freePort, runBench } from './lib.mjs';
import { generate } from './market.mjs';
import { onNode24 } from '../scripts/lib/node-runtime.mjs';

// On Node < 24 the benchmark runs again on the project's Node 24 (docs/adr/0018).
await onNode24({ log: (msg) => process.stderr.write(`[bench:matching] ${msg}\n`) });

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const SMES = arg('smes', 10000);
const WORKERS = arg('workers', 1);
/** A V8 old-space limit for the worker processes (MB), as a deployment would set one; none by default. */
const HEAP_MB = arg('worker-heap-mb', 0);
const SAMPLE = arg('sample', 200);
const REFRESHES = arg('refreshes', 30);
const K = 10;
const log = (msg) => process.stderr.write(`[bench:matching] ${msg}\n`);

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
  // As a live database would be: vacuumed (visibility map set) and analysed, so autovacuum does not
  // start on the freshly loaded tables in the middle of the measured run, and checkpointed, so the
  // load's dirty pages are not written out during it.
  await db.query('VACUUM ANALYZE');
  await db.query('CHECKPOINT');
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
/** A process's resident memory now (VmRSS) or at its peak (VmHWM), in MB. */
const rssMb = (pid, field) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)[1]) / 1024);
};
const peakRssMb = (pid) => rssMb(pid, 'VmHWM');

runBench('matching', log, async ({ services, children, dataDir }) => {
  const env = buildAndMigrate(services, log, { SMTP_URL: 'smtp://127.0.0.1:1', LOG_LEVEL: 'warn', HTTP_LOGS: 'false' });
  const db = new Client({ connectionString: services.migrationDatabaseUrl });
  await db.connect();

  log(`generating ${SMES} SMEs (seed 20261123)`);
  const data = generate(SMES);
  const { rows: [cluster] } = await db.query(`INSERT INTO clusters (name, country) VALUES ('Bench cluster', 'FI') RETURNING id`);
  const loadStart = Date.now();
  await load(db, cluster.id, data);
  log(`loaded ${data.organisations.length} SMEs, ${data.products.length} products, ${data.channels.length} channels, ${data.rules.length} rules in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);
  const argon2 = require('argon2');
  await db.query(
    `INSERT INTO users (email, display_name, password_hash, roles, staff_cluster_id, email_verified_at) VALUES ('staff@bench.example', 'Bench staff', $1, '{staff}', $2, now())`,
    [await argon2.hash('bench-password-1', { type: argon2.argon2id }), cluster.id],
  );

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  children.push(await spawnNode('dist/src/main.js', { ...env, PORT: String(port), HOST: '127.0.0.1' }, async () => (await fetch(`${url}/health`)).ok));
  const workers = [];
  const workerEnv = { ...env, LOG_LEVEL: 'info', ...(HEAP_MB ? { NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --max-old-space-size=${HEAP_MB}`.trim() } : {}) };
  for (let i = 0; i < WORKERS; i++) workers.push(await spawnNode('dist/src/worker.js', workerEnv, async (out) => out.includes('worker ready')));
  children.push(...workers);
  log(`API and ${WORKERS} worker process(es) ready`);
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'staff@bench.example', password: 'bench-password-1' }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { accessToken } = await login.json();

  // CPU seconds each part uses during the run: how busy the machine's cores are bounds what more workers can gain.
  const parts = {
    workers: () => workers.reduce((sum, w) => sum + cpuSecondsOfTree(w.pid), 0),
    api: () => cpuSecondsOfTree(children[0].pid),
    postgres: () => cpuSecondsOfTree(pidFromFile(join(services.pgDir, 'postmaster.pid'))),
    redis: () => cpuSecondsOfTree(pidFromFile(join(dataDir, 'redis', 'redis.pid'))),
  };
  const cpuAt = () => Object.fromEntries(Object.entries(parts).map(([name, seconds]) => [name, seconds()]));
  const cpuBefore = cpuAt();
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
    if (Math.round(seconds * 4) % 4 === 0 || r.status !== 'running') {
      log(`${r.done}/${r.shards_total} shards done after ${seconds.toFixed(1)} s (${r.status}); worker RSS now ${workers.map((w) => rssMb(w.pid, 'VmRSS')).join(', ')} MB`);
    }
    if (r.status !== 'running' || seconds > 1800) break;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (status.status !== 'completed') throw new Error(`run ended ${status.status}: ${status.error}`);
  const cpuAfter = cpuAt();
  const cpu = Object.fromEntries(Object.keys(parts).map((name) => [name, Number((cpuAfter[name] - cpuBefore[name]).toFixed(2))]));
  const busyCores = Object.values(cpu).reduce((a, b) => a + b, 0) / seconds;
  log(`CPU seconds during the run: ${JSON.stringify(cpu)}; ${busyCores.toFixed(2)} of ${availableParallelism()} cores busy on average`);
  const rss = Math.max(...workers.map((w) => peakRssMb(w.pid)));
  const { rows: [counts] } = await db.query(`SELECT pairs_kept, proposals_created FROM matching_runs WHERE id = $1`, [run.id]);
  const { rows: shardTimes } = await db.query(`SELECT sum(millis)::int AS total, max(millis) AS longest FROM matching_run_shards WHERE run_id = $1`, [run.id]);
  log(`shards: ${shardTimes[0].total} ms in all, longest ${shardTimes[0].longest} ms`);
  const { rows: [phases] } = await db.query(
    `SELECT extract(epoch FROM min(s.finished_at) - r.created_at)::float AS first, extract(epoch FROM max(s.finished_at) - r.created_at)::float AS last,
            extract(epoch FROM r.finished_at - r.created_at)::float AS finished
     FROM matching_runs r JOIN matching_run_shards s ON s.run_id = r.id WHERE r.id = $1 GROUP BY r.id`, [run.id]);
  log(`after the run was created: first shard done at ${phases.first.toFixed(2)} s, last at ${phases.last.toFixed(2)} s, run finished at ${phases.finished.toFixed(2)} s`);
  const written = /"millis":(\{[^}]*\}),"total":(\d+)/.exec(workers.map((w) => w.output?.() ?? '').join(''));
  if (written) log(`finalisation steps (ms): ${written[1]}, total ${written[2]}`);
  const loads = workers.flatMap((w) => (w.output?.() ?? '').split('\n').filter((l) => l.includes('matching snapshot loaded')).map((l) => /"millis":(\d+)/.exec(l)?.[1]));
  if (loads.length) log(`snapshot load per worker (ms): ${loads.join(', ')}`);
  log(`run completed in ${seconds.toFixed(2)} s: ${counts.pairs_kept} pairs kept, ${counts.proposals_created} proposals; worker peak RSS ${rss} MB`);

  // ---- recall@10 against brute force on a sample of host channels ----
  // Expected for a channel: its brute-force top 10, each pair kept only if the channel is in the
  // product's brute-force top 10 over all channels (the mutual rule), all scored by `evaluate`.
  const { ComplementarityTable } = require('../dist/src/modules/channel-sharing/matching/complementarity-table.js');
  const { bruteForceTopKForChannel, bruteForceTopKForProduct } = require('../dist/test/reference/channel-matching-brute-force.js');
  const table = new ComplementarityTable(data.rules.map((r) => ({ categoryA: r.a, categoryB: r.b, weight: r.weight })));
  const own = new Map();
  for (const p of data.products) {
    const list = own.get(p.org) ?? [];
    if (!list.some((o) => o.category === p.category && o.grade === p.grade)) list.push({ category: p.category, grade: p.grade });
    own.set(p.org, list);
  }
  const products = data.products.map((p) => ({ id: p.id, organisationId: p.org, category: p.category, grade: p.grade, segments: p.segments, markets: p.markets }));
  const productById = new Map(products.map((p) => [p.id, p]));
  const channels = data.channels.map((c) => ({
    id: c.id, organisationId: c.org, type: c.type, markets: c.markets, segments: c.segments, capacity: c.capacity, usedCapacity: c.used,
    active: true, hostProducts: own.get(c.org) ?? [],
  }));
  const step = Math.max(1, Math.floor(channels.length / SAMPLE));
  const sample = channels.filter((_, i) => i % step === 0).slice(0, SAMPLE);
  log(`brute force over ${products.length} products and ${channels.length} channels for ${sample.length} sampled channels`);
  let expected = 0;
  let found = 0;
  let extra = 0;
  let bruteNs = 0n;
  for (const [i, channel] of sample.entries()) {
    const t0 = process.hrtime.bigint();
    const top = bruteForceTopKForChannel(channel, products, table, K);
    bruteNs += process.hrtime.bigint() - t0;
    const truth = top.filter((pair) => bruteForceTopKForProduct(productById.get(pair.productId), channels, table, K).some((t) => t.channelId === channel.id));
    const { rows } = await db.query(`SELECT product_id FROM channel_matches WHERE channel_id = $1 AND status = 'proposed'`, [channel.id]);
    const proposed = new Set(rows.map((r) => r.product_id));
    expected += truth.length;
    found += truth.filter((t) => proposed.has(t.productId)).length;
    extra += proposed.size - truth.filter((t) => proposed.has(t.productId)).length;
    if ((i + 1) % 50 === 0) log(`  checked ${i + 1}/${sample.length} channels: ${found}/${expected} found, ${extra} not expected`);
  }
  const recall = expected === 0 ? 1 : found / expected;
  const perPairSeconds = Number(bruteNs) / 1e9 / (sample.length * products.length);
  const bruteEstimate = perPairSeconds * data.channels.length * products.length;
  log(`recall@10 ${recall.toFixed(4)} (${found}/${expected}), ${extra} proposals not in the brute-force result; brute force ~${(perPairSeconds * 1e9).toFixed(0)} ns/pair → ${bruteEstimate.toFixed(0)} s for all pairs`);

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
    worker_heap_mb: HEAP_MB || null,
    seconds: Number(seconds.toFixed(2)),
    pairs_kept: counts.pairs_kept,
    proposals: counts.proposals_created,
    recall_at_10: Number(recall.toFixed(4)),
    recall_sample_channels: sample.length,
    unexpected_proposals: extra,
    brute_force_seconds_estimate: Number(bruteEstimate.toFixed(1)),
    speedup: Number((bruteEstimate / seconds).toFixed(1)),
    worker_rss_mb: rss,
    cpu_seconds: cpu,
    busy_cores: Number(busyCores.toFixed(2)),
    refresh_ms_p50: p50,
    refresh_ms_cold: millis[0] ?? null,
  };
  console.log(JSON.stringify(result));
});
