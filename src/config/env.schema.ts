import { isIP } from 'node:net';
import { bool, cleanEnv, EnvError, EnvMissingError, makeValidator, num, port, str, url } from 'envalid';

const secret = makeValidator<string>((value) => {
  if (value.length < 16) throw new EnvError('must be at least 16 characters');
  return value;
});

/** A hop count, or a comma-separated list of addresses and CIDR ranges; empty trusts no proxy. */
const proxies = makeValidator<string>((value) => {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return trimmed;
  for (const entry of trimmed.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    if (family === 0 || rest.length > 0 || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      throw new EnvError(`"${entry}" is not an address, a CIDR range or a hop count`);
    }
  }
  return trimmed;
});

/** A TCP port, or 0 for any free one (the process logs the one it got). */
const portOrAny = makeValidator<number>((value) => {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || parsed > 65535) throw new EnvError('must be a port number (0-65535)');
  return parsed;
});

/**
 * Every environment variable the service reads, declared once with its type, default and
 * description. `npm run config:docs` prints this table for the README, and a unit test checks
 * the README lists each variable.
 */
export const envSpec = {
  NODE_ENV: str({
    choices: ['development', 'test', 'production'],
    default: 'production',
    desc: 'Runtime mode, reported in logs; behaviour is set by the other variables, never relaxed by this one.',
  }),
  PORT: port({ default: 3000, desc: 'TCP port the API listens on.' }),
  HOST: str({ default: '0.0.0.0', desc: 'Interface the API, and the worker\'s metrics server, bind to.' }),
  APP_URL: url({
    default: 'http://localhost:3000',
    desc: 'Public base URL of the API, used in links inside emails.',
  }),
  DATABASE_URL: url({ desc: 'PostgreSQL connection URL, e.g. postgres://user:pass@host:5432/clusterlink.' }),
  DATABASE_MIGRATION_URL: str({
    default: '',
    desc: 'PostgreSQL URL of the role that owns the schema, used only by `npm run migrate` and the seed; DATABASE_URL is then the application\'s role, which migrate grants row access (audit_log: insert and select only). Empty: migrations run as DATABASE_URL.',
  }),
  DATABASE_POOL_SIZE: num({
    default: 20,
    desc: 'Connections per process in the PostgreSQL pool (a mail delivery holds one while it talks SMTP).',
  }),
  REDIS_URL: url({ desc: 'Redis URL for queues and shared rate-limit counters, e.g. redis://host:6379.' }),
  QUEUE_PREFIX: str({
    default: '{clusterlink}',
    desc: 'BullMQ key prefix; the braces make a Redis Cluster hash tag so a queue lives on one slot.',
  }),
  SMTP_URL: url({ desc: 'SMTP server URL for outgoing mail, e.g. smtp://user:pass@host:587.' }),
  SMTP_POOL_SIZE: num({ default: 5, desc: 'Concurrent SMTP connections per worker process.' }),
  MAIL_FROM: str({
    default: 'Clusterlink <no-reply@clusterlink.local>',
    desc: 'From header of every email the service sends.',
  }),
  JWT_SECRET: secret({
    desc: 'HMAC secret that signs access tokens; at least 16 characters, and in production at least 32 bytes and none of the examples published with the project (generate one: `openssl rand -base64 48`).',
  }),
  JWT_ACCESS_TTL_SECONDS: num({ default: 900, desc: 'Lifetime of an access token in seconds.' }),
  REFRESH_TTL_DAYS: num({ default: 30, desc: 'Absolute lifetime of a refresh-token family in days, counted from sign-in; rotation does not extend it.' }),
  PASSWORD_RESET_TTL_MINUTES: num({ default: 30, desc: 'Lifetime of a password-reset token in minutes.' }),
  UNVERIFIED_ACCOUNT_DAYS: num({
    default: 7,
    desc: 'Days after which a never-verified self-registered account is deleted and its address is free again.',
  }),
  EMAIL_TOKEN_TTL_HOURS: num({
    default: 48,
    desc: 'Lifetime of email-verification and invitation tokens in hours.',
  }),
  EXPORT_INLINE_MAX_BYTES: num({
    default: 1_000_000,
    desc: 'Largest personal-data export (JSON bytes) answered inline by GET /me/export; a larger one is stored and mailed as a link.',
  }),
  EXPORT_LINK_TTL_HOURS: num({ default: 24, desc: 'Hours a mailed personal-data export can be downloaded; expired ones are refused, then deleted.' }),
  THROTTLE_AUTH_LIMIT: num({
    default: 10,
    desc: 'Requests one client may make to each /auth endpoint per window (shared by all API replicas).',
  }),
  THROTTLE_AUTH_TTL_SECONDS: num({ default: 60, desc: 'Length of the auth rate-limit window in seconds.' }),
  THROTTLE_ACCOUNT_LIMIT: num({
    default: 5,
    desc: 'Attempts per window on one account, from any address: sign-ins per email, acceptances per invitation token, password checks on PATCH /me per user.',
  }),
  THROTTLE_ACCOUNT_TTL_SECONDS: num({ default: 900, desc: 'Length of the per-account rate-limit window in seconds.' }),
  THROTTLE_MAIL_LIMIT: num({
    default: 3,
    desc: 'Requests per window that send mail to one address (registration, resent verification, password reset), from any client.',
  }),
  THROTTLE_MAIL_TTL_SECONDS: num({ default: 3600, desc: 'Length of the per-address mail rate-limit window in seconds.' }),
  TRUSTED_PROXIES: proxies({
    default: '',
    desc: 'Proxies whose X-Forwarded-For is believed: a comma-separated list of addresses/CIDRs (e.g. 10.0.0.0/8), or the number of proxy hops in front of the API. Empty: none, the client is the socket peer.',
  }),
  DEMO_DATA: bool({
    default: false,
    desc: 'Seed: load the demo clusters, organisations and accounts (all with one published password). `npm start` sets it; never set it in production.',
  }),
  API_DOCS_PUBLIC: bool({
    default: false,
    devDefault: true,
    desc: 'Serve the OpenAPI UI and JSON at /api/docs and /api/docs-json. Default: on outside production, off in production.',
  }),
  OPENAPI_RESPONSE_CHECK_FILE: str({
    default: '',
    desc: 'Tests: check every response against the OpenAPI document and append each mismatch to this file as a JSON line (`npm test` sets it and fails on any). Empty: no check.',
  }),
  CORS_ORIGINS: str({
    default: '',
    desc: 'Comma-separated origins allowed by CORS; empty disables cross-origin requests.',
  }),
  LOG_LEVEL: str({
    choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    default: 'info',
    desc: 'Minimum level of the logs.',
  }),
  LOG_FORMAT: str({
    choices: ['json', 'pretty'],
    default: 'json',
    desc: 'json: one JSON object per line, for log collectors. pretty: coloured lines for a person at a terminal (pino-pretty, a development dependency); `npm start` sets it when its output is a terminal.',
  }),
  METRICS_TOKEN: secret({
    default: '',
    desc: 'Bearer token Prometheus sends to GET /metrics on the API and on the worker\'s metrics server (at least 16 characters; `openssl rand -hex 24`). Empty: no metrics are served (/metrics answers 404 and the worker opens no port).',
  }),
  WORKER_METRICS_PORT: portOrAny({
    default: 9464,
    desc: 'Worker: port of its HTTP server for GET /metrics, opened only when METRICS_TOKEN is set; 0 takes any free port and logs it.',
  }),
  HTTP_LOGS: bool({ default: true, desc: 'Log one line per HTTP request (with its request id).' }),
  OUTBOX_SWEEP_MS: num({
    default: 1_000,
    desc: 'Worker: how often the outbox relay sweeps for committed rows besides waking on LISTEN/NOTIFY.',
  }),
  OUTBOX_BATCH_SIZE: num({ default: 500, desc: 'Worker: outbox rows moved to the queue per transaction.' }),
  OUTBOX_REQUEUE_AFTER_SECONDS: num({
    default: 120,
    desc: 'Worker: an outbox row enqueued this long ago and still not done is enqueued again (e.g. Redis lost its jobs).',
  }),
  DIGEST_HOUR_UTC: num({ default: 7, desc: 'Worker: hour of the day (UTC) at which daily digests are mailed.' }),
  APPROVAL_DUE_DAYS: num({ default: 5, desc: 'Days staff have to decide an approval request before reminders go out.' }),
  MATCHING_TOP_K: num({
    default: 10,
    desc: 'Channel matching: k of the mutual top k — a pair is proposed when the product is among the channel\'s k best and the channel among the product\'s k best.',
  }),
  MATCHING_SHARD_CHANNELS: num({
    default: 2_000,
    desc: 'Channel matching: most host channels per shard of a full rebuild (a shard is one job any worker takes); smaller runs are cut into up to 16 shards of at least 100 channels, so workers share them.',
  }),
  MATCHING_RULES_REBUILD_DELAY_MS: num({
    default: 60_000,
    desc: 'Channel matching: quiet time after a complementarity-rule change before the cluster\'s matches are rebuilt (changes in between share one rebuild).',
  }),
  RECONCILE_INTERVAL_MS: num({
    default: 60_000,
    desc: 'Worker: how often full matching runs whose jobs vanished from Redis are queued again from PostgreSQL (a run is failed after 3 tries); runs younger than this are left alone.',
  }),
  MATCHING_RUNS_PER_HOUR: num({
    default: 6,
    desc: 'Channel matching: most full runs staff may start for one cluster in an hour (one runs at a time in any case); the next is refused 429.',
  }),
  MATCHING_REFRESH_DEBOUNCE_MS: num({
    default: 2_000,
    desc: 'Channel matching: quiet time after a catalogue edit before the organisation\'s matches are refreshed (edits in between share one refresh).',
  }),
  MATCH_RESPONSE_DAYS: num({
    default: 14,
    desc: 'Channel matching: days host and guest have to answer an approved proposal before it expires.',
  }),
  MATCH_REMINDER_DAYS: num({
    default: 3,
    desc: 'Channel matching: days before that deadline a reminder goes to a party that has not answered.',
  }),
  WORKER_HEAP_GROWTH_PERCENT: num({
    default: 10,
    desc: 'Worker: how far (%) the V8 heap may grow past what the last full collection kept before the next one (V8\'s --heap-growing-percent). Lower keeps a worker\'s memory nearer what it holds at some CPU cost; 0 leaves it to V8: a 100k-SME matching run then peaked at ~0.54 GB RSS (in ~13 s), against ~0.39 GB (in ~16 s) at 10%.',
  }),
  SHUTDOWN_GRACE_SECONDS: num({
    default: 20,
    desc: 'How long a process waits for requests and jobs in flight after SIGTERM.',
  }),
};

export type AppEnv = Readonly<ReturnType<typeof cleanEnv<typeof envSpec>>>;

/** Thrown when the environment is invalid; the message names every bad variable. */
export class InvalidEnvironmentError extends Error {}

/**
 * Secrets that appear in this repository's history, docs or scripts: anyone can read them, so a
 * production boot refuses them whatever their length.
 */
export const PUBLISHED_SECRETS: readonly string[] = [
  'change-me-in-production-0123456789',
  'bench-secret-0123456789',
  'a-secret-of-enough-length',
];
const MIN_PRODUCTION_SECRET_BYTES = 32;

/** Why `secret` may not sign production tokens, or null when it may. */
export function productionSecretProblem(secret: string): string | null {
  if (PUBLISHED_SECRETS.includes(secret)) return 'is a published example secret';
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_PRODUCTION_SECRET_BYTES) return `is ${bytes} bytes; production needs at least ${MIN_PRODUCTION_SECRET_BYTES}`;
  if (new Set(secret).size < 8) return 'repeats too few characters to be random';
  return null;
}

/** Validates raw variables and returns typed ones, or throws naming each missing or bad one. */
export function validateEnv(raw: NodeJS.ProcessEnv | Record<string, unknown>): AppEnv {
  // An empty variable (`DATABASE_URL=`) counts as unset: it gets its default or is reported missing.
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== '' && value !== undefined));
  const env = cleanEnv(given as Record<string, string>, envSpec, {
    reporter: ({ errors }) => {
      const names = Object.keys(errors);
      if (names.length === 0) return;
      const lines = names.map((name) => {
        const err = errors[name as keyof typeof errors];
        const spec = envSpec[name as keyof typeof envSpec] as { desc?: string };
        const problem = err instanceof EnvMissingError ? 'is missing' : `is invalid (${(err as EnvError)?.message})`;
        return `  - ${name} ${problem}: ${spec.desc ?? ''}`;
      });
      throw new InvalidEnvironmentError(`Invalid configuration:\n${lines.join('\n')}`);
    },
  });
  const secretProblem = env.NODE_ENV === 'production' ? productionSecretProblem(env.JWT_SECRET) : null;
  if (secretProblem) {
    throw new InvalidEnvironmentError(
      `Invalid configuration:\n  - JWT_SECRET is invalid (${secretProblem}): set a random secret, e.g. \`openssl rand -base64 48\`.`,
    );
  }
  return env;
}
