// What `npm start` and `npm run dev` share: PostgreSQL, Redis and maildev in .data/dev (left
// running between runs, stopped by `npm run stop`), and the environment the API and worker get.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServices } from './services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEV_DATA_DIR = path.join(root, '.data', 'dev');

const portBusy = (port) => new Promise((resolve) => {
  const srv = net.createServer().once('error', () => resolve(true));
  srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(false)));
});

// Once per machine: a random secret kept in .data so tokens stay valid across restarts.
function jwtSecret() {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = path.join(DEV_DATA_DIR, 'jwt-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * Starts (or reuses) the services and returns the environment of the API and worker (`env`) and
 * of migrate and seed (`ownerEnv`: only they sign in as the schema's owner).
 */
export async function devStack({ log, command }) {
  fs.mkdirSync(DEV_DATA_DIR, { recursive: true });
  const services = await startServices({
    dataDir: DEV_DATA_DIR, reuse: true, ports: { pg: 54329, redis: 63799, smtp: 1025, mailWeb: 1080 }, log,
  });
  const port = Number(process.env.PORT || 3000);
  if (await portBusy(port)) {
    throw new Error(`port ${port} is already in use (another \`${command}\`?). Stop that process or run with PORT=<other port>.`);
  }
  const appUrl = `http://localhost:${port}`;
  // Explicit environment wins for settings; the service URLs come from startServices, which
  // itself honours DATABASE_URL / REDIS_URL / SMTP_URL when they are set.
  // A person at a terminal reads coloured log lines; piped to a file or a collector, JSON lines.
  const env = {
    NODE_ENV: 'development', APP_URL: appUrl, DEMO_DATA: 'true', LOG_FORMAT: process.stdout.isTTY ? 'pretty' : 'json', ...process.env,
    DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, SMTP_URL: services.smtpUrl,
    JWT_SECRET: jwtSecret(), PORT: String(port),
    ...(services.mailWebUrl ? { MAIL_WEB_URL: services.mailWebUrl } : {}),
  };
  const ownerEnv = { ...env, DATABASE_MIGRATION_URL: services.migrationDatabaseUrl };
  return { services, port, appUrl, env, ownerEnv };
}

/** The lines printed once the API answers. */
export function runningBanner({ appUrl, services }, stopLine) {
  return [
    '',
    'Clusterlink is running',
    `  API      ${appUrl}/api/v1`,
    `  Docs     ${appUrl}/api/docs`,
    `  Health   ${appUrl}/health`,
    services.mailWebUrl ? `  Mail     ${services.mailWebUrl}   (every email the app sends lands here)` : null,
    `  Stop     ${stopLine}`,
    '',
  ].filter((l) => l !== null).join('\n');
}
