import request from 'supertest';
import { Row, World } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { RunningApi, startApi } from '../../support/processes';

describe('channel sharing catalogue: products, channels, complementarity rules', () => {
  let api: RunningApi;
  let world: World;
  const http = () => request(api.url);
  let cluster: Row;
  let hostOrg: Row;
  let guestOrg: Row;
  let host: { authorization: string };
  let guest: { authorization: string };
  let staff: { authorization: string };
  let outsiderStaff: { authorization: string };

  const product = (organisationId: string, over: object = {}) => ({
    organisationId, name: 'Recycled HDPE fittings', category: '326199', grade: 2, segments: ['Utilities', 'industry'], markets: ['fi', 'SE'], ...over,
  });
  const channel = (organisationId: string, over: object = {}) => ({
    organisationId, name: 'Nordic utilities distributor', type: 'distributor', markets: ['FI', 'SE', 'NO'], segments: ['utilities'],
    capacity: 100, capacityUnit: 'pallets a month', commissionPct: 12.5, ...over,
  });

  beforeAll(async () => {
    api = await startApi();
    world = new World(api.url);
    cluster = await world.cluster();
    hostOrg = await world.organisation(cluster.id);
    guestOrg = await world.organisation(cluster.id);
    host = await world.auth(await world.member(hostOrg.id));
    guest = await world.auth(await world.member(guestOrg.id));
    staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
    outsiderStaff = await world.auth(await world.user(['staff'], { clusterId: (await world.cluster()).id }));
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
  });

  it('a member adds products and channels of their organisation, normalised and validated', async () => {
    const p = await http().post('/api/v1/products').set(guest).send(product(guestOrg.id)).expect(201);
    expect(p.body).toEqual(expect.objectContaining({
      clusterId: cluster.id, segments: ['utilities', 'industry'], markets: ['FI', 'SE'], categoryTitle: 'All Other Plastics Product Manufacturing',
    }));
    const c = await http().post('/api/v1/channels').set(host).send(channel(hostOrg.id)).expect(201);
    expect(c.body).toEqual(expect.objectContaining({ usedCapacity: 0, spareCapacity: 100, commissionPct: 12.5, active: true }));

    const bad = await http().post('/api/v1/products').set(guest).send(product(guestOrg.id, { category: '3261', grade: 7, markets: ['XX'] }));
    expect((expectProblem(bad, 400).errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['category', 'grade', 'markets']);
    const shrink = await http().patch(`/api/v1/channels/${c.body.id}`).set(host).send({ capacity: 0 });
    expectProblem(shrink, 400);
    // null for a field that cannot be cleared is refused naming it (it was a 500); priceBand can be.
    const nulls = await http().patch(`/api/v1/channels/${c.body.id}`).set(host)
      .send({ name: null, capacity: null, commissionPct: null, markets: null, segments: null, active: null, type: null, capacityUnit: null });
    expect((expectProblem(nulls, 400).errors as Row[]).map((e) => e.field).sort())
      .toEqual(['active', 'capacity', 'capacityUnit', 'commissionPct', 'markets', 'name', 'segments', 'type']);
    const productNulls = await http().patch(`/api/v1/products/${p.body.id}`).set(guest).send({ name: null, grade: null, category: null, markets: null, segments: null });
    expect((expectProblem(productNulls, 400).errors as Row[]).map((e) => e.field).sort()).toEqual(['category', 'grade', 'markets', 'name', 'segments']);
    await http().patch(`/api/v1/products/${p.body.id}`).set(guest).send({ priceBand: 'high' }).expect(200);
    expect((await http().patch(`/api/v1/products/${p.body.id}`).set(guest).send({ priceBand: null }).expect(200)).body.priceBand).toBeNull();
    expectProblem(await http().patch(`/api/v1/channels/${c.body.id}`).set(host).send({ id: 'x' }), 400);
  });

  it('only the owning organisation\'s members edit; others do not even see it', async () => {
    const p = await http().post('/api/v1/products').set(guest).send(product(guestOrg.id, { name: 'Mine' })).expect(201);
    expectProblem(await http().post('/api/v1/products').set(host).send(product(guestOrg.id)), 404); // not their organisation
    expectProblem(await http().get(`/api/v1/products/${p.body.id}`).set(host), 404, 'channel_sharing.product_not_found');
    expectProblem(await http().patch(`/api/v1/products/${p.body.id}`).set(host).send({ grade: 5 }), 404);
    expectProblem(await http().delete(`/api/v1/products/${p.body.id}`).set(host), 404);
    const hostList = await http().get('/api/v1/products').set(host).expect(200);
    expect(hostList.body.items.map((x: Row) => x.id)).not.toContain(p.body.id);

    // Staff of the cluster read the catalogue but do not edit members' products.
    await http().get(`/api/v1/products/${p.body.id}`).set(staff).expect(200);
    expectProblem(await http().patch(`/api/v1/products/${p.body.id}`).set(staff).send({ grade: 5 }), 403, 'channel_sharing.not_your_catalogue');
    expectProblem(await http().get(`/api/v1/products/${p.body.id}`).set(outsiderStaff), 404);

    expectProblem(await http().delete(`/api/v1/products/${p.body.id}`).set(staff), 403, 'channel_sharing.not_your_catalogue');
    expectProblem(await http().patch(`/api/v1/products/${p.body.id}`).set(outsiderStaff).send({ grade: 5 }), 404);
    expectProblem(await http().delete(`/api/v1/products/${p.body.id}`).set(outsiderStaff), 404);
    expectProblem(await http().post('/api/v1/products').set(staff).send(product(guestOrg.id)), 403, 'channel_sharing.not_your_catalogue');

    await http().patch(`/api/v1/products/${p.body.id}`).set(guest).send({ grade: 4 }).expect(200);
    await http().delete(`/api/v1/products/${p.body.id}`).set(guest).expect(204);
    expectProblem(await http().get(`/api/v1/products/${p.body.id}`).set(guest), 404);

    // Channels alike: another member neither reads nor edits one; staff read it only.
    const c = await http().post('/api/v1/channels').set(host).send(channel(hostOrg.id, { name: 'Ours' })).expect(201);
    expectProblem(await http().get(`/api/v1/channels/${c.body.id}`).set(guest), 404, 'channel_sharing.channel_not_found');
    expectProblem(await http().patch(`/api/v1/channels/${c.body.id}`).set(guest).send({ capacity: 5 }), 404);
    expect((await http().get('/api/v1/channels').query({ organisationId: hostOrg.id }).set(guest).expect(200)).body.items).toEqual([]);
    expect((await http().get('/api/v1/channels').query({ organisationId: hostOrg.id }).set(staff).expect(200)).body.items.map((x: Row) => x.id)).toContain(c.body.id);
    expect((await http().get('/api/v1/channels').set(outsiderStaff).expect(200)).body.items.map((x: Row) => x.id)).not.toContain(c.body.id);
    expectProblem(await http().patch(`/api/v1/channels/${c.body.id}`).set(staff).send({ capacity: 5 }), 403, 'channel_sharing.not_your_catalogue');
    expectProblem(await http().post('/api/v1/channels').set(host).send({ ...channel(hostOrg.id), usedCapacity: 0 }), 400);
    // Capacity cannot go below what agreements already took.
    await world.db.query('UPDATE channels SET used_capacity = 30 WHERE id = $1', [c.body.id]);
    const below = await http().patch(`/api/v1/channels/${c.body.id}`).set(host).send({ capacity: 20 });
    expect((expectProblem(below, 400, 'channel_sharing.capacity_below_used').errors as Row[]).map((e) => e.field)).toEqual(['capacity']);
    expect((await http().patch(`/api/v1/channels/${c.body.id}`).set(host).send({ capacity: 30 }).expect(200)).body.spareCapacity).toBe(0);
  });

  it('every catalogue change is audited and announces a refresh for its organisation', async () => {
    const c = await http().post('/api/v1/channels').set(host).send(channel(hostOrg.id, { name: 'Audited' })).expect(201);
    await http().patch(`/api/v1/channels/${c.body.id}`).set(host).send({ commissionPct: 10 }).expect(200);
    const trail = await http().get('/api/v1/audit').query({ subjectId: c.body.id }).set(staff).expect(200);
    expect(trail.body.items.map((a: Row) => a.action)).toEqual(['channel.updated', 'channel.created']);
    expect(trail.body.items[0].changes).toEqual({ commissionPct: { before: 12.5, after: 10 } });
    const events = await world.db.query(
      `SELECT 1 FROM domain_events WHERE type = 'channel_sharing.catalogue_changed' AND payload->>'organisationId' = $1`,
      [hostOrg.id],
    );
    expect(events.rowCount).toBeGreaterThanOrEqual(2);
  });

  it('staff curate their cluster\'s complementarity rules; members and other clusters cannot', async () => {
    const rule = await http().post('/api/v1/complementarity-rules').set(staff).send({ categoryA: '333318', categoryB: '326199', weight: 0.8 }).expect(201);
    expect(rule.body).toEqual(expect.objectContaining({ categoryA: '326199', categoryB: '333318', source: 'staff', clusterId: cluster.id }));
    expectProblem(await http().post('/api/v1/complementarity-rules').set(staff).send({ categoryA: '326199', categoryB: '333318', weight: 0.2 }), 409);
    expectProblem(await http().post('/api/v1/complementarity-rules').set(staff).send({ categoryA: '326199', categoryB: '326199', weight: 0.2 }), 400);
    expectProblem(await http().post('/api/v1/complementarity-rules').set(host).send({ categoryA: '326199', categoryB: '333415', weight: 0.5 }), 403);
    // Staff of another cluster are told it is not there, as for its records.
    expectProblem(await http().post('/api/v1/complementarity-rules').set(outsiderStaff).send({ clusterId: cluster.id, categoryA: '326199', categoryB: '333415', weight: 0.5 }), 404, 'directory.cluster_not_found');
    expectProblem(await http().get('/api/v1/complementarity-rules').query({ clusterId: cluster.id }).set(outsiderStaff), 404, 'directory.cluster_not_found');
    expectProblem(await http().post('/api/v1/complementarity-rules/seed').set(outsiderStaff).send({ clusterId: cluster.id }), 404, 'directory.cluster_not_found');
    const admin = await world.auth(await world.user(['admin']));
    const nowhere = '00000000-0000-4000-8000-000000000000';
    expectProblem(await http().get('/api/v1/complementarity-rules').query({ clusterId: nowhere }).set(admin), 404, 'directory.cluster_not_found');
    expectProblem(await http().post('/api/v1/complementarity-rules/seed').set(admin).send({ clusterId: nowhere }), 404, 'directory.cluster_not_found');
    expectProblem(await http().get('/api/v1/complementarity-rules').set(host), 403, 'auth.role_required');
    expectProblem(await http().post(`/api/v1/complementarity-rules/${rule.body.id}/adopt-learned`).set(outsiderStaff), 404, 'channel_sharing.rule_not_found');
    expectProblem(await http().delete(`/api/v1/complementarity-rules/${rule.body.id}`).set(outsiderStaff), 404, 'channel_sharing.rule_not_found');
    expectProblem(await http().patch(`/api/v1/complementarity-rules/${rule.body.id}`).set(outsiderStaff).send({ weight: 0.1 }), 404);
    const rebuilds = async () => (await world.one(
      `SELECT count(*)::int AS n FROM domain_events WHERE type = 'channel_sharing.rules_changed' AND payload->>'clusterId' = $1`, [cluster.id])).n as number;
    const announced = await rebuilds();
    const changed = await http().patch(`/api/v1/complementarity-rules/${rule.body.id}`).set(staff).send({ weight: 0.6 }).expect(200);
    expect(changed.body.weight).toBeCloseTo(0.6);
    expect(await rebuilds()).toBe(announced + 1);
    // The same weight again changes nothing, so it announces no rebuild.
    await http().patch(`/api/v1/complementarity-rules/${rule.body.id}`).set(staff).send({ weight: 0.6 }).expect(200);
    expect(await rebuilds()).toBe(announced + 1);
    // No staff decision on its pairs yet: nothing learned to adopt.
    expectProblem(await http().post(`/api/v1/complementarity-rules/${rule.body.id}/adopt-learned`).set(staff), 409, 'channel_sharing.no_learned_weight');
  });

  it('seeds default rules from the taxonomy: different industry groups whose products share a segment', async () => {
    const { staff: own, host: h, guest: g, h: hAuth, g: gAuth } = await world.hostAndGuest();
    const add = (auth: { authorization: string }, organisationId: string, category: string, segments: string[]) =>
      http().post('/api/v1/products').set(auth).send(product(organisationId, { category, segments })).expect(201);
    await add(hAuth, h.id, '333318', ['utilities', 'industry']); // service machinery
    await add(hAuth, h.id, '333314', ['industry']); // optical instruments: group 3333 too
    await add(gAuth, g.id, '333415', ['utilities']); // HVAC: subsector 333, group 3334
    await add(gAuth, g.id, '326199', ['utilities']); // plastics: another subsector
    await add(gAuth, g.id, '339112', ['healthcare']); // no segment in common
    const seeded = await http().post('/api/v1/complementarity-rules/seed').set(own).send({}).expect(200);
    expect(seeded.body.added).toBe(3);
    const again = await http().post('/api/v1/complementarity-rules/seed').set(own).send({}).expect(200);
    expect(again.body.added).toBe(0);
    const rules = await http().get('/api/v1/complementarity-rules').set(own).expect(200);
    expect(rules.body.items.map((r: Row) => [`${r.categoryA}-${r.categoryB}`, r.weight, r.source]).sort()).toEqual([
      ['326199-333318', 0.3, 'taxonomy'],
      ['326199-333415', 0.3, 'taxonomy'],
      ['333318-333415', 0.5, 'taxonomy'],
    ]);
  });
});
