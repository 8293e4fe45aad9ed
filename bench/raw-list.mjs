// The yardstick for bench:http: the least a server can do to answer the API's organisation list.
// Fastify and `pg` only: it verifies the same HS256 access token with the same library
// (jsonwebtoken, secret as a KeyObject), checks the staff role, and runs the API's keyset query
// (staff scoped to their cluster, newest first on (created_at, id), page size + 1 rows) as a named
// prepared statement. No DTO validation beyond limit and cursor, no ORM, no hooks, no logging.
// Environment: DATABASE_URL, JWT_SECRET, PORT, HOST, DATABASE_POOL_SIZE (default 10, as the API).
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Fastify = require('fastify');
const jwt = require('jsonwebtoken');
const { Pool } = require('pg');

const secret = createSecretKey(Buffer.from(process.env.JWT_SECRET, 'utf8'));
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const COLUMNS = 'id, cluster_id, name, kind, naics_codes, region_id, country, employee_count, website, created_at, updated_at';
const FIRST = {
  name: 'raw_org_first',
  text: `SELECT ${COLUMNS} FROM organisations WHERE cluster_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
};
const NEXT = {
  name: 'raw_org_next',
  text: `SELECT ${COLUMNS} FROM organisations WHERE cluster_id = $1 AND (created_at, id) < ($3, $4)
         ORDER BY created_at DESC, id DESC LIMIT $2`,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const size = (n) => (n < 10 ? 'micro' : n < 50 ? 'small' : n < 250 ? 'medium' : 'large');
const view = (r) => ({
  id: r.id, clusterId: r.cluster_id, name: r.name, kind: r.kind, naicsCodes: r.naics_codes, regionId: r.region_id,
  country: r.country, employeeCount: r.employee_count, size: size(r.employee_count), website: r.website,
  createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
});

const app = Fastify({ logger: false });
app.get('/organisations', async (request, reply) => {
  const [scheme, token] = (request.headers.authorization ?? '').split(' ');
  let claims;
  try {
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new Error('no token');
    claims = jwt.verify(token, secret, { algorithms: ['HS256'] });
  } catch {
    return reply.code(401).send({ status: 401 });
  }
  if (!claims.roles.includes('staff')) return reply.code(403).send({ status: 403 });
  const limit = request.query.limit === undefined ? 20 : Number(request.query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return reply.code(400).send({ status: 400 });
  let rows;
  if (request.query.cursor) {
    let key;
    try {
      key = JSON.parse(Buffer.from(request.query.cursor, 'base64url').toString('utf8'));
    } catch {
      key = null;
    }
    if (typeof key?.t !== 'string' || Number.isNaN(Date.parse(key.t)) || !UUID.test(key.id)) {
      return reply.code(400).send({ status: 400 });
    }
    ({ rows } = await pool.query({ ...NEXT, values: [claims.cid, limit + 1, key.t, key.id] }));
  } else {
    ({ rows } = await pool.query({ ...FIRST, values: [claims.cid, limit + 1] }));
  }
  const items = rows.slice(0, limit).map(view);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit ? Buffer.from(JSON.stringify({ t: last.createdAt, id: last.id })).toString('base64url') : null;
  return { items, nextCursor };
});

await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => pool.end()).then(() => process.exit(0)));
