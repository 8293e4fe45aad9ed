import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunningApi, startApi } from '../../support/processes';

interface Answer { status: number; type: string | null; retryAfter: string | null; body: string }

/** Requests covering a 2xx, the HTTP layer's 400/401/414/415 and a validation 400. */
const REQUESTS: Array<[string, RequestInit]> = [
  ['/health/live', {}],
  ['/api/v1/me', {}],
  ['/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' }],
  ['/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' }],
  ['/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"x","password":"y","extra":1}' }],
  [`/api/v1/clusters?q=${'x'.repeat(9000)}`, {}],
];

async function answers(api: RunningApi): Promise<Answer[]> {
  const out: Answer[] = [];
  for (const [url, init] of REQUESTS) {
    const res = await fetch(`${api.url}${url}`, { ...init, headers: { ...init.headers, 'x-request-id': 'same-id' } });
    out.push({ status: res.status, type: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), body: await res.text() });
  }
  return out;
}

/**
 * The response check `npm test` runs (OPENAPI_RESPONSE_CHECK_FILE) observes and never changes
 * an answer; and it does record an answer the document does not describe.
 */
describe('the OpenAPI response check', () => {
  let dir: string;
  let checked: RunningApi;
  let unchecked: RunningApi;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'response-check-'));
    // Its own file: the violation this spec provokes on purpose must not fail the run.
    [checked, unchecked] = await Promise.all([
      startApi({ OPENAPI_RESPONSE_CHECK_FILE: path.join(dir, 'violations.jsonl') }),
      startApi({ OPENAPI_RESPONSE_CHECK_FILE: '' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([checked?.stop(), unchecked?.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers exactly as the API without it', async () => {
    const [a, b] = [await answers(checked), await answers(unchecked)];
    expect(a.map((x) => x.status)).toEqual([200, 401, 400, 415, 400, 414]);
    expect(a).toEqual(b);
    expect(fs.existsSync(path.join(dir, 'violations.jsonl'))).toBe(false);
  });

  it('records an answer the document does not describe', async () => {
    // Fastify answers HEAD for every GET route; the document describes GET only.
    expect((await fetch(`${checked.url}/health/live`, { method: 'HEAD' })).status).toBe(200);
    const lines = fs.readFileSync(path.join(dir, 'violations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([{ method: 'HEAD', path: '/health/live', status: '200', problem: 'operation not in the document' }]);
  });
});
