import request from 'supertest';
import { World } from '../../factories/world';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { ACTORS, ActorName, AuthzWorld, buildAuthzWorld } from './authz/fixture';
import { prepare } from './authz/requests';
import { AFTER_ACCESS, EXPECTED, Outcome } from './authz/table';

/**
 * Who may call what, for every operation in the OpenAPI document and six actors, on cluster A's
 * rows. The expectations are one table (authz/table.ts); an operation missing from it, or a row
 * for one that no longer exists, fails here, so a new route cannot ship without its row.
 */
describe('authorization matrix', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  let fx: AuthzWorld;
  let operations: string[] = [];

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    world = new World(api.url);
    fx = await buildAuthzWorld(world, api.url);
    const doc = (await request(api.url).get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
  }, 120_000);
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker.stop();
  });

  it('has a row for every operation of the document, and none for operations that are gone', () => {
    expect(operations.filter((op) => !(op in EXPECTED)).map((op) => `${op}: add its row to test/e2e/platform/authz/table.ts`)).toEqual([]);
    expect(Object.keys(EXPECTED).filter((op) => !operations.includes(op))).toEqual([]);
  });

  /**
   * What an answer says about access. `ok`: allowed: 2xx, or refused after access was granted by
   * the row's or the token's state (409; 400 or 403 with a code in AFTER_ACCESS). A 400 for
   * invalid fields is never ok: the call's input must be fixed so that access is what is tested.
   */
  const outcomeOf = (status: number, code: string | undefined): Outcome | string => {
    if ((status >= 200 && status < 300) || status === 409 || AFTER_ACCESS.includes(code ?? '')) return 'ok';
    return [401, 403, 404].includes(status) ? (String(status) as Outcome) : `unexpected ${status} ${code ?? ''}`;
  };

  it('answers each actor as the table says', async () => {
    const mismatches: string[] = [];
    const actual: Record<string, string> = {};
    for (const op of operations) {
      const row: string[] = [];
      for (const actor of ACTORS) {
        const call = await prepare(op, fx);
        const [method] = op.split(' ');
        let req = request(api.url)[method.toLowerCase() as 'get'](call.path).set(fx.auth[actor as ActorName]);
        if (call.query) req = req.query(call.query);
        const res = call.body === undefined ? await req : await req.send(call.body as object);
        const got = outcomeOf(res.status, res.body?.code);
        row.push(process.env.AUTHZ_PRINT && res.status >= 400 ? `${got}[${res.body?.code ?? ''}]` : got);
        const want = EXPECTED[op]?.split(' ')[ACTORS.indexOf(actor)];
        if (want !== undefined && got !== want) mismatches.push(`${op} as ${actor}: expected ${want}, got ${res.status} ${res.body?.code ?? ''}`);
      }
      actual[op] = row.join(' ');
    }
    if (process.env.AUTHZ_PRINT) process.stdout.write(`${Object.entries(actual).map(([op, r]) => `  '${op}': '${r}',`).join('\n')}\n`);
    process.stdout.write(`authorization matrix: ${operations.length} operations × ${ACTORS.length} actors = ${operations.length * ACTORS.length} calls checked\n`);
    expect(mismatches).toEqual([]);
  }, 180_000);
});
