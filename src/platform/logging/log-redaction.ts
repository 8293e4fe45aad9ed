import pino from 'pino';

const REDACTED = '[redacted]';

/**
 * A URL as it may be logged: the path, and the query's parameter names with every value replaced.
 * Query strings carry tokens, email addresses and search text; none of it belongs in a log.
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const name = pair.split('=', 1)[0];
      return `${name.length <= 64 ? name : `${name.slice(0, 64)}…`}=${REDACTED}`;
    });
  return `${url.slice(0, at)}?${names.join('&')}`;
}

interface LoggableRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** pino serializer for `req`: Fastify's fields, with the query values redacted. */
export function serializeRequest(req: LoggableRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : undefined,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * Values a database error quotes back: `"value"` and `'value'` in messages, `Key (email)=(x@y)`
 * in details. Identifiers are quoted the same way, so they go too; the SQLSTATE code, table,
 * column and constraint (kept as fields) say what failed.
 */
export function redactQuotedValues(text: string): string {
  return text
    .replace(/=\((?:[^()]|\([^()]*\))*\)/g, `=(${REDACTED})`)
    .replace(/"(?:[^"\\]|\\.)*"/g, `"${REDACTED}"`)
    .replace(/'(?:[^'\\]|\\.)*'/g, `'${REDACTED}'`);
}

// Fields a driver error (pg) carries that name where it failed, never the data.
const SAFE_DRIVER_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'];

function isDatabaseError(err: object): boolean {
  return 'driverError' in err || 'parameters' in err || ('severity' in err && 'routine' in err);
}

/**
 * pino serializer for `err`. A database error (TypeORM's QueryFailedError, a pg error) is logged
 * without its query, parameters, detail or driver error, and with quoted values cut from its
 * message and stack, because those hold what was being written: emails, password hashes, tokens.
 * Other errors go through pino's standard serializer.
 */
export function serializeError(err: unknown): unknown {
  if (err === null || typeof err !== 'object' || !isDatabaseError(err)) return pino.stdSerializers.err(err as Error);
  const source = err as Record<string, unknown> & Error;
  const out: Record<string, unknown> = {
    type: source.constructor?.name ?? source.name,
    message: redactQuotedValues(String(source.message ?? '')),
    stack: typeof source.stack === 'string' ? redactQuotedValues(source.stack) : undefined,
  };
  for (const field of SAFE_DRIVER_FIELDS) {
    if (typeof source[field] === 'string') out[field] = source[field];
  }
  return out;
}
