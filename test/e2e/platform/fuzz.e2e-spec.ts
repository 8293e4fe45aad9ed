import fc from 'fast-check';
import request from 'supertest';
import { World } from '../../factories/world';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { ACTORS, Auth, AuthzWorld, buildAuthzWorld } from './authz/fixture';
import { prepare } from './authz/requests';
import { EXPECTED } from './authz/table';
import { hostileBody, hostileQueryValue } from './fuzz/inputs';

const SEED = 20261204;
const RUNS_PER_OPERATION = 40;

type Operation = { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown };

/**
 * Hostile input for every operation that takes a body, a query or a path id, generated with
 * fast-check from a fixed seed, sent by an actor the authorization table allows (so validation,
 * not access, answers). Every answer must be 2xx, or 4xx application/problem+json with a code:
 * never a 5xx, never another shape.
 */
describe('fuzzing every operation from its schema', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  let fx: AuthzWorld;
  let doc: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    world = new World(api.url);
    fx = await buildAuthzWorld(world, api.url);
    doc = (await request(api.url).get('/api/docs-json').expect(200)).body;
  }, 120_000);
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker.stop();
  });

  /** Who may call the operation: the first actor the table allows, or the organisation's owner. */
  const actorFor = (op: string): Auth => {
    const allowed = (EXPECTED[op] ?? '').split(' ');
    const actor = (['staff', 'admin', 'outsider', 'talent', 'anonymous'] as const).find((a) => allowed[ACTORS.indexOf(a)] === 'ok');
    return actor ? fx.auth[actor] : fx.ownerAuth;
  };

  it('answers every hostile input with 2xx or a 4xx problem, never a 5xx', async () => {
    const failures: string[] = [];
    let sent = 0;
    const send = async (op: string, path: string, auth: Auth, body?: { raw: string | Buffer; type: string }, query?: Record<string, string>) => {
      const method = op.split(' ')[0].toLowerCase() as 'get';
      let req = request(api.url)[method](path).set(auth);
      if (query) req = req.query(query);
      if (body) req = req.set('content-type', body.type).send(body.raw as string);
      const res = await req;
      sent++;
      const problem = /application\/problem\+json/.test(String(res.headers['content-type'])) && typeof res.body?.code === 'string';
      if (res.status >= 500 || (res.status >= 400 && !problem)) {
        const shown = body ? String(body.raw).slice(0, 120) : JSON.stringify(query ?? {}).slice(0, 120);
        failures.push(`${op} ${path} → ${res.status} ${res.body?.code ?? res.text.slice(0, 80)} for ${shown}`);
      }
    };
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const op = `${method.toUpperCase()} ${template}`;
        const auth = actorFor(op);
        const queryNames = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const call = await prepare(op, fx);
        if (operation.requestBody) {
          const valid = (call.body ?? {}) as Record<string, unknown>;
          for (const body of fc.sample(hostileBody(valid), { seed: SEED, numRuns: RUNS_PER_OPERATION })) await send(op, call.path, auth, body);
        }
        if (queryNames.length > 0) {
          const queries = fc.record(Object.fromEntries(queryNames.map((n) => [n, hostileQueryValue])), { requiredKeys: [] });
          for (const query of fc.sample(queries, { seed: SEED, numRuns: RUNS_PER_OPERATION })) await send(op, call.path, auth, undefined, query as Record<string, string>);
        }
        if (template.includes('{')) {
          for (const id of ['not-a-uuid', '00000000-0000-0000-0000-00000000000g', '%00', 'x'.repeat(300), '1 OR 1=1']) {
            await send(op, template.replace(/\{\w+\}/, encodeURIComponent(id)).replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000'), auth);
          }
        }
      }
    }
    process.stdout.write(`fuzzing: ${sent} requests sent, ${failures.length} answered wrongly\n`);
    expect(failures.slice(0, 40)).toEqual([]);
  }, 240_000);
});
