import request from 'supertest';
import { expectProblem } from '../../support/problem';
import { useStack } from '../../support/stack';

/** The dashboard's own JSON route, which its page calls: what an admin's browser reads. */
const QUEUES_API = '/admin/queues/api/queues';

describe('queue dashboard (bull-board) for admins', () => {
  const stack = useStack();
  const admin = async () => stack.world.auth(await stack.world.user(['admin']));

  it('refuses anyone not signed in: 401 on the page, its assets and its API, reads and actions alike', async () => {
    for (const path of ['/admin/queues', '/admin/queues/', '/admin/queues/queue/mail', QUEUES_API, '/admin/queues/static/favicon-32x32.png']) {
      expectProblem(await stack.http().get(path), 401, 'auth.unauthenticated');
    }
    expectProblem(await stack.http().put('/admin/queues/api/queues/mail/retry/failed'), 401, 'auth.unauthenticated');
    expectProblem(await stack.http().get(QUEUES_API).set('authorization', 'Bearer not-a-token'), 401, 'auth.invalid_token');
  });

  it('refuses every role but admin with 403, and will not open a session for them', async () => {
    const cluster = await stack.world.cluster();
    for (const user of [await stack.world.user(['staff'], { clusterId: cluster.id }), await stack.world.user(['member']), await stack.world.user(['talent'])]) {
      const auth = await stack.world.auth(user);
      expectProblem(await stack.http().get('/admin/queues').set(auth), 403, 'auth.role_required');
      expectProblem(await stack.http().get(QUEUES_API).set(auth), 403, 'auth.role_required');
      expectProblem(await stack.http().post('/api/v1/admin/queue-dashboard/session').set(auth), 403, 'auth.role_required');
    }
    expectProblem(await stack.http().post('/api/v1/admin/queue-dashboard/session'), 401);
  });

  it('shows an admin with a bearer token the page and every queue', async () => {
    const auth = await admin();
    const page = await stack.http().get('/admin/queues').set(auth).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<base href="/admin/queues/" />');
    expect(page.text).toContain('<title>Clusterlink queues</title>');
    const queues = (await stack.http().get(QUEUES_API).set(auth).expect(200)).body as { queues: { name: string }[] };
    expect(queues.queues.map((q) => q.name).sort()).toEqual(['events', 'mail', 'maintenance', 'matching']);
  });

  it('lets an admin\'s browser in with the session cookie, which opens the dashboard and nothing else', async () => {
    const auth = await admin();
    const opened = await stack.http().post('/api/v1/admin/queue-dashboard/session').set(auth).expect(204);
    const setCookie = String(opened.headers['set-cookie']);
    expect(setCookie).toMatch(/^cl_queue_dashboard=[\w-]+\.[\w-]+\.[\w-]+; Path=\/admin\/queues; Max-Age=\d+; HttpOnly; SameSite=Strict/);
    const cookie = setCookie.split(';')[0];
    const token = cookie.split('=')[1];
    const queues = (await stack.http().get(QUEUES_API).set('cookie', `other=1; ${cookie}`).expect(200)).body as { queues: unknown[] };
    expect(queues.queues).toHaveLength(4);
    await stack.http().get('/admin/queues').set('cookie', cookie).expect(200);
    // The cookie's token is signed with a key of its own: the API does not take it as a bearer...
    expectProblem(await stack.http().get('/api/v1/me').set('authorization', `Bearer ${token}`), 401, 'auth.invalid_token');
    // ...and the dashboard does not take an access token, nor a forged value, as its cookie.
    const accessToken = auth.authorization.split(' ')[1];
    expectProblem(await stack.http().get(QUEUES_API).set('cookie', `cl_queue_dashboard=${accessToken}`), 401, 'auth.invalid_token');
    expectProblem(await stack.http().get(QUEUES_API).set('cookie', `cl_queue_dashboard=${token.slice(0, -2)}xx`), 401, 'auth.invalid_token');
  });

  it('keeps the dashboard and /metrics out of the OpenAPI document, and the session route in it', async () => {
    const doc = (await request(stack.api.url).get('/api/docs-json').expect(200)).body as { paths: Record<string, unknown> };
    const paths = Object.keys(doc.paths);
    expect(paths.filter((p) => p.startsWith('/admin') || p.startsWith('/metrics'))).toEqual([]);
    expect(paths).toContain('/api/v1/admin/queue-dashboard/session');
  });
});
