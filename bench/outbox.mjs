// npm run bench:outbox [-- --emails 5000 --workers 1] — notifications committed in one burst,
// drained by real worker processes through the outbox relay, BullMQ and the SMTP pool into a
// local SMTP sink. Prints progress; the last line is one JSON object:
// {"emails","seconds","per_second","lost","duplicated",…}.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { arg, buildAndMigrate, sleep, freePort, runBench } from './lib.mjs';
import { onNode24 } from '../scripts/lib/node-runtime.mjs';

// On Node < 24 the benchmark runs again on the project's Node 24 (docs/adr/0018).
await onNode24({ log: (msg) => process.stderr.write(`[bench:outbox] ${msg}\n`) });

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const EMAILS = arg('emails', 5000);
const WORKERS = arg('workers', 1);
const log = (msg) => process.stderr.write(`[bench:outbox] ${msg}\n`);

function startSink(port, received) {
  const child = spawn(process.execPath, ['scripts/smtp-sink.mjs', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let buffer = '';
  child.stdout.on('data', (d) => {
    buffer += d;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) if (line) received.push(JSON.parse(line).id);
  });
  return new Promise((resolve) => child.stderr.on('data', (d) => String(d).includes('listening') && resolve(child)));
}

function startWorker(env) {
  const child = spawn(process.execPath, ['dist/src/worker.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => process.stderr.write(d));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('worker ready')) {
        clearInterval(timer);
        resolve(child);
      }
    }, 50);
    child.on('exit', (code) => reject(new Error(`worker exited (${code}): ${out.slice(-2000)}`)));
  });
}

runBench('outbox', log, async ({ services, children }) => {
  const env = buildAndMigrate(services, log, { LOG_LEVEL: 'info' });
  const received = [];
  const sinkPort = await freePort();
  children.push(await startSink(sinkPort, received));
  for (let i = 0; i < WORKERS; i++) children.push(await startWorker({ ...env, SMTP_URL: `smtp://127.0.0.1:${sinkPort}` }));
  log(`${WORKERS} worker process(es) ready; committing ${EMAILS} notifications in one transaction`);

  const db = new Client({ connectionString: services.migrationDatabaseUrl });
  await db.connect();
  await db.query('BEGIN');
  const { rows } = await db.query(
    `INSERT INTO notifications (recipient_email, category, template, data, title, in_app, email_status)
     SELECT 'bench-' || g || '@bench.example', 'approvals', 'approvals.requested',
            jsonb_build_object('approvalId', gen_random_uuid(), 'kind', 'channel_match', 'summary', 'Bench ' || g, 'dueAt', now()),
            'To review: Bench ' || g, false, 'pending'
     FROM generate_series(1, $1) g RETURNING id`,
    [EMAILS],
  );
  await db.query(`SELECT pg_notify('clusterlink_outbox', '')`);
  await db.query('COMMIT');
  const started = process.hrtime.bigint();
  const ids = new Set(rows.map((r) => r.id));

  let last = -1;
  for (;;) {
    const distinct = new Set(received.filter((id) => ids.has(id))).size;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (distinct !== last) log(`${distinct}/${EMAILS} delivered after ${seconds.toFixed(1)} s`);
    last = distinct;
    if (distinct >= EMAILS || seconds > 600) break;
    await sleep(1000 - (Date.now() % 1000) || 1000);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await sleep(1000); // let any late duplicate arrive before counting
  const mine = received.filter((id) => ids.has(id));
  const distinct = new Set(mine).size;
  const { rows: [{ sent }] } = await db.query(
    `SELECT count(*)::int AS sent FROM notifications WHERE id = ANY($1) AND email_status = 'sent'`, [[...ids]]);
  await db.end();
  const result = {
    emails: EMAILS,
    seconds: Number(seconds.toFixed(2)),
    per_second: Math.round(distinct / seconds),
    lost: EMAILS - distinct,
    duplicated: mine.length - distinct,
    marked_sent: sent,
    workers: WORKERS,
  };
  log(`${result.per_second} emails/s, lost ${result.lost}, duplicated ${result.duplicated}`);
  console.log(JSON.stringify(result));
});
