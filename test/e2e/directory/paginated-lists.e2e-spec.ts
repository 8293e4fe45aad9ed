import request from 'supertest';
import { Row, World } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { RunningApi, startApi } from '../../support/processes';

type Auth = { authorization: string };

/** Every list answers a page and a cursor; following the cursors yields each row once. */
describe('directory and rules: bounded lists', () => {
  let api: RunningApi;
  let world: World;
  const http = () => request(api.url);

  beforeAll(async () => {
    api = await startApi();
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
  });

  /** Follows nextCursor with `limit` per page; every page holds at most `limit` items. */
  async function all(path: string, auth: Auth, limit: number, query: Record<string, string> = {}): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await http().get(path).query({ ...query, limit, ...(cursor ? { cursor } : {}) }).set(auth).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      ids.push(...res.body.items.map((i: Row) => (i.id ?? i.userId) as string));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
    } while (cursor && pages < 1000);
    return { ids, pages };
  }

  it('GET /clusters and /clusters/:id/partners are paginated', async () => {
    const hub = await world.cluster();
    const partners = [await world.cluster(), await world.cluster(), await world.cluster()];
    const admin = await world.auth(await world.user(['admin']));
    for (const p of partners) {
      await http().post(`/api/v1/clusters/${hub.id}/partners`).set(admin).send({ partnerClusterId: p.id }).expect(201);
    }
    const talent = await world.auth(await world.user(['talent']));
    const first = await http().get('/api/v1/clusters').query({ limit: 2 }).set(talent).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const clusters = await all('/api/v1/clusters', talent, 2);
    expect(new Set(clusters.ids).size).toBe(clusters.ids.length);
    expect(clusters.ids).toEqual(expect.arrayContaining([hub.id, ...partners.map((p) => p.id)]));

    const linked = await all(`/api/v1/clusters/${hub.id}/partners`, talent, 2);
    expect(linked.ids.sort()).toEqual(partners.map((p) => p.id as string).sort());
    expect(linked.pages).toBe(2);
    // Seen from a partner, the link works the other way.
    expect((await all(`/api/v1/clusters/${partners[0].id}/partners`, talent, 2)).ids).toEqual([hub.id]);
    expectProblem(await http().get('/api/v1/clusters').query({ limit: 1000 }).set(talent), 400);
    expectProblem(await http().get('/api/v1/clusters').query({ cursor: 'forged' }).set(talent), 400);
  });

  it('GET /organisations/:id/members is paginated', async () => {
    const cluster = await world.cluster();
    const org = await world.organisation(cluster.id);
    const members = [];
    for (let i = 0; i < 5; i++) members.push(await world.member(org.id, i === 0 ? 'owner' : 'member'));
    const owner = await world.auth(members[0]);
    const listed = await all(`/api/v1/organisations/${org.id}/members`, owner, 2);
    expect(listed.pages).toBe(3);
    expect(listed.ids.sort()).toEqual(members.map((m) => m.id as string).sort());
  });

  it('GET /complementarity-rules is paginated', async () => {
    const cluster = await world.cluster();
    const staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
    const pairs = [['326199', '333318'], ['326199', '334513'], ['333318', '334513']];
    for (const [categoryA, categoryB] of pairs) {
      await http().post('/api/v1/complementarity-rules').set(staff).send({ categoryA, categoryB, weight: 0.5 }).expect(201);
    }
    const rules = await all('/api/v1/complementarity-rules', staff, 2);
    expect(rules.ids).toHaveLength(3);
    expect(rules.pages).toBe(2);
  });

  it('caps what one call creates: at most 100 regions in a new cluster', async () => {
    const admin = await world.auth(await world.user(['admin']));
    const regions = Array.from({ length: 101 }, (_, i) => `Region ${i}`);
    const res = await http().post('/api/v1/clusters').set(admin).send({ name: `Too many ${Date.now()}`, country: 'FI', regions });
    expect((expectProblem(res, 400).errors as { field: string }[])[0].field).toBe('regions');
  });

  it('caps the taxonomy rules one seeding call adds at 500; the next call adds the rest', async () => {
    const cluster = await world.cluster();
    const org = await world.organisation(cluster.id);
    const staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
    // 40 categories of 40 industry groups sharing a segment: 780 default pairs.
    await world.db.query(
      `INSERT INTO products (organisation_id, cluster_id, name, category, grade, segments, markets)
       SELECT $1, $2, 'Product ' || g, (100000 + g * 100)::text, 1, '{utilities}', '{FI}' FROM generate_series(1, 40) AS g`,
      [org.id, cluster.id],
    );
    const first = await http().post('/api/v1/complementarity-rules/seed').set(staff).send({}).expect(200);
    expect(first.body).toEqual({ added: 500, remaining: 280 });
    const second = await http().post('/api/v1/complementarity-rules/seed').set(staff).send({}).expect(200);
    expect(second.body).toEqual({ added: 280, remaining: 0 });
    const count = await world.one('SELECT count(*)::int AS n FROM complementarity_rules WHERE cluster_id = $1', [cluster.id]);
    expect(count.n).toBe(780);
  });
});
