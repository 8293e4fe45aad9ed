import request from 'supertest';
import { World } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { RunningApi, startApi } from '../../support/processes';

describe('HTTP surface: errors, OpenAPI, headers', () => {
  let api: RunningApi;
  let world: World;
  const http = () => request(api.url);

  beforeAll(async () => {
    // Nest names each route it maps at debug (logger.ts); the route test below reads those lines.
    api = await startApi({ LOG_LEVEL: 'debug' });
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
  });

  it('answers a malformed id with 400 naming the parameter, never 500', async () => {
    const staff = await world.auth(await world.user(['staff'], { clusterId: (await world.cluster()).id }));
    const res = await http().get('/api/v1/organisations/not-a-uuid').set(staff);
    expect(expectProblem(res, 400, 'common.validation_failed').errors).toEqual([{ field: 'id', messages: ['id must be a UUID'] }]);
  });

  it('gives every kind of error the problem+json shape', async () => {
    expectProblem(await http().get('/api/v1/no-such-route'), 404, 'common.not_found');
    expectProblem(await http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":'), 400);
    expectProblem(await http().post('/api/v1/auth/login').set('content-type', 'application/xml').send('<a/>'), 415);
    expectProblem(await http().get('/api/v1/me'), 401);
    expectProblem(await http().get('/api/v1/clusters').query({ limit: 'x' }).set('authorization', 'Bearer x'), 401);
    const cursor = await world.auth(await world.user(['admin']));
    const bad = await http().get('/api/v1/organisations').query({ cursor: 'bm90IGEgY3Vyc29y' }).set(cursor);
    expect(expectProblem(bad, 400).errors).toEqual([{ field: 'cursor', messages: ['cursor is not a cursor this API issued'] }]);
  });

  it('echoes or assigns a request id, and sends security headers', async () => {
    const given = await http().get('/health').set('x-request-id', 'trace-abc-123');
    expect(given.headers['x-request-id']).toBe('trace-abc-123');
    const made = await http().get('/api/v1/nope');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.requestId).toBe(made.headers['x-request-id']);
    expect(made.headers['x-content-type-options']).toBe('nosniff');
    expect(made.headers['strict-transport-security']).toBeDefined();
  });

  it('documents every route the app serves in the OpenAPI document', async () => {
    // Nest logs each route it maps at boot, at debug ("Mapped {/api/v1/x/:id, GET} route"): the router's own list.
    const mapped = [...api.output().matchAll(/Mapped \{([^,]+), (\w+)\} route/g)].map(
      ([, path, method]) => `${method.toLowerCase()} ${path.replace(/:(\w+)/g, '{$1}')}`,
    );
    expect(mapped.length).toBeGreaterThan(15);
    const doc = (await http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(documented.sort()).toEqual([...new Set(mapped)].sort());
    // Every operation documents its success response (a method-level problem list once hid them).
    const withoutSuccess = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { responses?: Record<string, unknown> }>)
        .filter(([, op]) => !Object.keys(op.responses ?? {}).some((status) => /^2\d\d$/.test(status)))
        .map(([method]) => `${method} ${path}`));
    expect(withoutSuccess).toEqual([]);
    // Errors are documented with the shared problem schema.
    expect(JSON.stringify(doc)).toContain('#/components/schemas/ProblemDto');
    await http().get('/api/docs').expect(200);
  });

  it('paginates with opaque cursors without skipping or repeating rows', async () => {
    const cluster = await world.cluster();
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push((await world.organisation(cluster.id)).id);
    const staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await http().get('/api/v1/organisations').query({ limit: 3, ...(cursor ? { cursor } : {}) }).set(staff).expect(200);
      seen.push(...page.body.items.map((o: { id: string }) => o.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect([...seen].sort()).toEqual([...ids].sort());
  });
});
