import fs from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from './openapi-document';

const DOC_ID = 'openapi.json';
const pointer = (...parts: string[]) => parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/**
 * Test-time contract check (OPENAPI_RESPONSE_CHECK_FILE): every response the API sends on a
 * documented route is checked against the document it serves, for its operation, status and
 * content type, and each mismatch is appended to the file as one JSON line. `npm test` fails
 * when the file has any. It observes only: the response goes out unchanged, and the hook is not
 * installed at all unless the variable is set.
 */
export function installResponseCheck(app: NestFastifyApplication, appUrl: string, file: string): void {
  let doc: OpenAPIObject | null = null;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction | null>();
  const record = (entry: Record<string, unknown>) => fs.appendFileSync(file, `${JSON.stringify(entry)}\n`);

  app.getHttpAdapter().getInstance().addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions?.url;
    if (!route || route.startsWith('/api/docs')) return payload;
    if (!doc) {
      doc = buildOpenApiDocument(app, appUrl);
      ajv.addSchema({ ...doc, $id: DOC_ID });
    }
    const path = route.replace(/:(\w+)/g, '{$1}');
    const method = request.method.toLowerCase();
    const status = String(reply.statusCode);
    const where = { method: request.method, path, status };
    const op = (doc.paths[path] as Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }> | undefined)?.[method];
    if (!op) return record({ ...where, problem: 'operation not in the document' }), payload;
    const response = op.responses?.[status];
    if (!response) return record({ ...where, problem: 'status not documented' }), payload;
    const type = String(reply.getHeader('content-type') ?? '').split(';')[0].trim();
    if (!response.content || payload == null || payload === '') {
      if (response.content && reply.statusCode !== 204) record({ ...where, problem: 'documented body missing' });
      return payload;
    }
    if (!response.content[type]) return record({ ...where, problem: `content type ${type || '(none)'} not documented` }), payload;
    const key = `#/${pointer('paths', path, method, 'responses', status, 'content', type, 'schema')}`;
    if (!compiled.has(key)) compiled.set(key, ajv.getSchema(`${DOC_ID}${key}`) ?? null);
    const validate = compiled.get(key);
    if (!validate || typeof payload !== 'string') return payload;
    let body: unknown;
    try { body = JSON.parse(payload); } catch { return record({ ...where, problem: 'body is not JSON' }), payload; }
    if (!validate(body)) {
      record({ ...where, problem: 'body does not match the schema', errors: validate.errors?.slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`) });
    }
    return payload;
  });
}
