import request from 'supertest';
import { Row, World } from '../../factories/world';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { eventually } from '../../support/smtp-sink';

/** Staff reweigh the cluster's pairs by editing rules; the proposals follow without a manual run. */
describe('channel sharing: a rule change rebuilds the cluster once staff pause', () => {
  const DELAY_MS = 1_500;
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  const http = () => request(api.url);

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ MATCHING_RULES_REBUILD_DELAY_MS: String(DELAY_MS) });
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker.stop();
  });

  it('a burst of rule edits makes one full rebuild, whose proposals carry the new weight; removing the rule expires them', async () => {
    const { staff, host, guest, h, g } = await world.hostAndGuest();
    await http().post('/api/v1/products').set(h).send({ organisationId: host.id, name: 'Pumps', category: '333318', grade: 3, segments: ['utilities'], markets: ['FI'] }).expect(201);
    const channel = (await http().post('/api/v1/channels').set(h).send({
      organisationId: host.id, name: 'Distributor', type: 'distributor', markets: ['FI'], segments: ['utilities'], capacity: 50, capacityUnit: 'pallets', commissionPct: 10,
    }).expect(201)).body;
    const product = (await http().post('/api/v1/products').set(g).send({
      organisationId: guest.id, name: 'Fittings', category: '326199', grade: 2, segments: ['utilities'], markets: ['FI'],
    }).expect(201)).body;
    const fullRuns = async () =>
      (await http().get('/api/v1/matching-runs').set(staff).expect(200)).body.items.filter((r: Row) => r.organisationId === null);

    const rule = (await http().post('/api/v1/complementarity-rules').set(staff).send({ categoryA: '326199', categoryB: '333318', weight: 0.5 }).expect(201)).body;
    await http().patch(`/api/v1/complementarity-rules/${rule.id}`).set(staff).send({ weight: 0.6 }).expect(200);
    await http().patch(`/api/v1/complementarity-rules/${rule.id}`).set(staff).send({ weight: 0.7 }).expect(200);
    const [run] = await eventually(async () => {
      const runs = await fullRuns();
      return runs.length > 0 && runs.every((r: Row) => r.status === 'completed') ? runs : undefined;
    }, 'the rebuild after the rule edits');
    // Past the debounce once more: still one run for the three edits.
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS + 500));
    expect((await fullRuns()).map((r: Row) => [r.id, r.trigger, r.requestedBy])).toEqual([[run.id, 'rules_changed', null]]);
    const proposed = await world.db.query(`SELECT status, factors FROM channel_matches WHERE channel_id = $1 AND product_id = $2`, [channel.id, product.id]);
    expect(proposed.rows).toHaveLength(1);
    expect(proposed.rows[0].status).toBe('proposed');
    expect(proposed.rows[0].factors[0]).toEqual(expect.objectContaining({ factor: 'complementarity', value: 0.7 }));

    await http().delete(`/api/v1/complementarity-rules/${rule.id}`).set(staff).expect(204);
    await eventually(async () => {
      const runs = await fullRuns();
      return runs.length === 2 && runs.every((r: Row) => r.status === 'completed') || undefined;
    }, 'the rebuild after the removal');
    const after = await world.one(`SELECT status FROM channel_matches WHERE channel_id = $1 AND product_id = $2`, [channel.id, product.id]);
    expect(after.status).toBe('expired');
  });
});
