import fs from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { METRICS_PATH } from '../metrics/metrics-route';
import { DASHBOARD_PATH } from '../queue/dashboard/dashboard-sessions';
import { buildOpenApiDocument } from './openapi-document';
import { listedProblemCodes } from './openapi-problem-codes';

const DOC_ID = 'openapi.json';
/** Operators' routes kept out of the document on purpose (docs/adr/0017); every other route is checked. */
const UNDOCUMENTED = [METRICS_PATH, DASHBOARD_PATH];
type Operation = { responses?: Record<string, { headers?: Record<string, { required?: boolean }>; content?: Record<string, { schema?: unknown }> }> };
type Problem = { problem: string; errors?: string[] };
const pointer = (...parts: string[]) => parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/**
 * Test-time contract check (OPENAPI_RESPONSE_CHECK_FILE): every response the API sends on a
 * documented route is checked against the document it serves, for its operation, status,
 * required headers, content type, body schema and, for a problem, whether the document lists its
 * `code` for that operation and status; each mismatch is appended to the file as one JSON line.
 * `npm test` fails when the file has any. It observes only: the response goes out unchanged,
 * and the hook is not installed at all unless the variable is set.
 */
export function installResponseCheck(app: NestFastifyApplication, appUrl: string, file: string): void {
  let doc: OpenAPIObject | null = null;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction | null>();
  const record = (entry: Record<string, unknown>) => fs.appendFileSync(file, `${JSON.stringify(entry)}\n`);

  app.getHttpAdapter().getInstance().addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions?.url;
    if (!route || route.startsWith('/api/docs') || UNDOCUMENTED.some((path) => route === path || route.startsWith(`${path}/`))) return payload;
    const where = { method: request.method, path: route.replace(/:(\w+)/g, '{$1}'), status: String(reply.statusCode) };
    try {
      if (!doc) {
        doc = buildOpenApiDocument(app, appUrl);
        ajv.addSchema({ ...doc, $id: DOC_ID });
      }
      const problem = check(doc, where, reply.getHeader.bind(reply), payload);
      if (problem) record({ ...where, ...problem });
    } catch (e) {
      // The check only observes: its own failure is reported, and the response goes out as it is.
      record({ ...where, problem: `the check failed: ${(e as Error).message}` });
    }
    return payload;
  });

  /** What is wrong with one response, if anything. */
  function check(doc: OpenAPIObject, where: { method: string; path: string; status: string }, header: (name: string) => unknown, payload: unknown): Problem | null {
    const method = where.method.toLowerCase();
    const op = (doc.paths[where.path] as Record<string, Operation> | undefined)?.[method];
    if (!op) return { problem: 'operation not in the document' };
    const response = op.responses?.[where.status];
    if (!response) return { problem: 'status not documented' };
    for (const [name, spec] of Object.entries(response.headers ?? {})) {
      if (spec.required && header(name) === undefined) return { problem: `documented header ${name} missing` };
    }
    const body = Buffer.isBuffer(payload) ? payload.toString('utf8') : payload;
    const empty = body == null || body === '';
    if (!response.content) return empty ? null : { problem: 'body sent where the document has none' };
    if (empty) return where.status === '204' ? null : { problem: 'documented body missing' };
    const type = String(header('content-type') ?? '').split(';')[0].trim();
    if (!response.content[type]) return { problem: `content type ${type || '(none)'} not documented` };
    if (typeof body !== 'string') return null; // a stream: not read here, so as not to consume it
    const key = `#/${pointer('paths', where.path, method, 'responses', where.status, 'content', type, 'schema')}`;
    if (!compiled.has(key)) compiled.set(key, ajv.getSchema(`${DOC_ID}${key}`) ?? null);
    const validate = compiled.get(key);
    if (!validate) return { problem: `no schema at ${key}` };
    let parsed: unknown;
    try { parsed = JSON.parse(body); } catch { return type.endsWith('json') ? { problem: 'body is not JSON' } : null; }
    // Said on its own (the schema's enum refuses it too): a code thrown that this operation does not list.
    if (type === 'application/problem+json') {
      const listed = listedProblemCodes(response.content[type].schema) ?? [];
      const code = (parsed as { code?: unknown } | null)?.code;
      if (!listed.includes(code as string)) return { problem: `problem code ${String(code)} is not listed for this operation and status` };
    }
    if (validate(parsed)) return null;
    return { problem: 'body does not match the schema', errors: validate.errors?.slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`) };
  }
}
