import request from 'supertest';
import { Row, World } from '../../factories/world';
import { RunningApi, startApi, startWorker } from '../../support/processes';
import { eventually } from '../../support/smtp-sink';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('channel sharing: incremental refresh and a worker killed mid-run', () => {
  let api: RunningApi;
  let world: World;
  const http = () => request(api.url);
  // Small shards so a modest market makes many jobs; a short debounce keeps the test quick.
  const env = { MATCHING_SHARD_CHANNELS: '4', MATCHING_REFRESH_DEBOUNCE_MS: '800' };

  beforeAll(async () => {
    api = await startApi(env);
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
  });

  const refreshRuns = async (organisationId: string) =>
    (await world.db.query(`SELECT id, status FROM matching_runs WHERE organisation_id = $1`, [organisationId])).rows as Row[];

  it('a new product is proposed without a full rebuild, and five quick edits make one refresh, not five', async () => {
    const worker = await startWorker(env);
    try {
      const { staff, host, guest, h, g } = await world.hostAndGuest();
      await http().post('/api/v1/complementarity-rules').set(staff).send({ categoryA: '326199', categoryB: '333318', weight: 0.8 }).expect(201);
      await http().post('/api/v1/products').set(h).send({ organisationId: host.id, name: 'Pumps', category: '333318', grade: 3, segments: ['utilities'], markets: ['FI'] }).expect(201);
      const channel = (await http().post('/api/v1/channels').set(h).send({
        organisationId: host.id, name: 'Distributor', type: 'distributor', markets: ['FI'], segments: ['utilities'], capacity: 50, capacityUnit: 'pallets', commissionPct: 10,
      }).expect(201)).body;
      await eventually(async () => (await refreshRuns(host.id)).some((r) => r.status === 'completed'), 'the host refresh');

      const product = (await http().post('/api/v1/products').set(g).send({
        organisationId: guest.id, name: 'Fittings', category: '326199', grade: 2, segments: ['utilities'], markets: ['FI'],
      }).expect(201)).body;
      const proposed = await eventually(async () => {
        const { rows } = await world.db.query(`SELECT status, approval_id FROM channel_matches WHERE channel_id = $1 AND product_id = $2`, [channel.id, product.id]);
        return rows[0];
      }, 'the refresh to propose the new product');
      expect(proposed.status).toBe('proposed');
      expect(proposed.approval_id).not.toBeNull();
      await sleep(1_500);
      const before = (await refreshRuns(guest.id)).length;

      for (const grade of [1, 2, 1, 2, 1]) {
        await http().patch(`/api/v1/products/${product.id}`).set(g).send({ grade }).expect(200);
      }
      await eventually(async () => (await refreshRuns(guest.id)).filter((r) => r.status === 'completed').length > before, 'the refresh after the edits');
      await sleep(2_500); // longer than the debounce: a second refresh would have run by now
      expect((await refreshRuns(guest.id)).length).toBe(before + 1);
      // The refresh saw the last edit: the proposal's explanation is for grade 1.
      const { rows } = await world.db.query(`SELECT factors FROM channel_matches WHERE product_id = $1 AND status = 'proposed'`, [product.id]);
      expect(rows[0].factors.find((f: Row) => f.factor === 'channelType').text).toContain('grade 1');

      // An edit that makes the pair impossible (no market in common) expires the proposal at once.
      await http().patch(`/api/v1/products/${product.id}`).set(g).send({ markets: ['DE'] }).expect(200);
      await eventually(async () => {
        const { rows: now } = await world.db.query(`SELECT status FROM channel_matches WHERE product_id = $1`, [product.id]);
        return now.length === 1 && now[0].status === 'expired';
      }, 'the proposal to expire');
    } finally {
      await worker.stop();
    }
  });

  it('a worker killed mid-run: another worker completes the run with the same result', async () => {
    const cluster = await world.cluster();
    const staff = await world.auth(await world.user(['staff'], { clusterId: cluster.id }));
    await generateMarket(world, cluster.id, 240);

    const runToEnd = async (kill: boolean) => {
      const started = await http().post('/api/v1/matching-runs').set(staff).send({}).expect(201);
      const runId = started.body.id as string;
      const shardsDone = async () =>
        Number((await world.one(`SELECT count(*) FILTER (WHERE status = 'done') AS n FROM matching_run_shards WHERE run_id = $1`, [runId])).n);
      let doneAtKill: number | null = null;
      let first = await startWorker(env);
      if (kill) {
        await eventually(async () => (await shardsDone()) >= 3, 'three shards done', 30_000, 5);
        await first.kill();
        doneAtKill = await shardsDone();
        first = await startWorker(env);
      }
      try {
        const run = await eventually(async () => {
          const r = await http().get(`/api/v1/matching-runs/${runId}`).set(staff).expect(200);
          return r.body.status === 'completed' ? r.body : undefined;
        }, 'the run to complete', 90_000);
        return { run, doneAtKill };
      } finally {
        await first.stop();
      }
    };
    const proposals = async () =>
      (await world.db.query(
        `SELECT channel_id, product_id, score FROM channel_matches WHERE cluster_id = $1 AND status = 'proposed' ORDER BY channel_id, product_id`,
        [cluster.id],
      )).rows;

    const reference = await runToEnd(false);
    expect(reference.run.shardsTotal).toBeGreaterThan(20);
    expect(reference.run.proposalsCreated).toBeGreaterThan(100);
    const expected = await proposals();

    // Close the reference run's proposals (as if staff had let them lapse), so that the killed run
    // writes every proposal again: shards write their own, and some have done so at the kill.
    await world.db.query(`UPDATE channel_matches SET status = 'expired' WHERE cluster_id = $1`, [cluster.id]);
    await world.db.query(`UPDATE approval_requests SET status = 'withdrawn' WHERE cluster_id = $1`, [cluster.id]);
    const killed = await runToEnd(true);
    // The kill really was mid-run…
    expect(killed.doneAtKill).toBeLessThan(killed.run.shardsTotal);
    // …and the run still finished every shard and wrote exactly the same proposals, each once, each with one request.
    expect(killed.run).toEqual(expect.objectContaining({
      shardsDone: killed.run.shardsTotal, proposalsCreated: reference.run.proposalsCreated, proposalsExpired: 0,
    }));
    expect(killed.run.pairsKept).toBe(reference.run.pairsKept);
    expect(await proposals()).toEqual(expected);
    const requests = await world.one(
      `SELECT count(*)::int AS n, count(DISTINCT subject_id)::int AS subjects FROM approval_requests WHERE cluster_id = $1 AND status = 'pending'`,
      [cluster.id],
    );
    expect(requests).toEqual({ n: expected.length, subjects: expected.length });
  }, 180_000);
});

/** A deterministic market written straight to the database (no events, so no refreshes). */
async function generateMarket(world: World, clusterId: string, organisations: number): Promise<void> {
  const categories = ['333318', '333415', '333914', '326199', '326122', '332911', '332919', '335312'];
  await world.db.query(
    `INSERT INTO organisations (cluster_id, name, kind, naics_codes, country, employee_count)
     SELECT $1, 'Gen ' || i, 'sme', '{}', 'FI', 5 + i % 200 FROM generate_series(1, $2) AS i`,
    [clusterId, organisations],
  );
  await world.db.query(
    `INSERT INTO products (cluster_id, organisation_id, name, category, grade, segments, markets)
     SELECT o.cluster_id, o.id, 'P' || j, ($2::text[])[1 + (abs(hashtext(o.name || j)) % 8)], 1 + abs(hashtext(o.name || 'g' || j)) % 5,
            ARRAY[(ARRAY['utilities', 'retail', 'industry'])[1 + abs(hashtext(o.name || 's' || j)) % 3]],
            ARRAY[(ARRAY['FI', 'SE', 'NO', 'DK', 'EE'])[1 + abs(hashtext(o.name || 'm' || j)) % 5]]
     FROM organisations o, generate_series(1, 3) AS j WHERE o.cluster_id = $1`,
    [clusterId, categories],
  );
  await world.db.query(
    `INSERT INTO channels (cluster_id, organisation_id, name, type, markets, segments, capacity, used_capacity, capacity_unit, commission_pct)
     SELECT o.cluster_id, o.id, 'C', (ARRAY['distributor', 'wholesale', 'e_commerce', 'export_agent'])[1 + abs(hashtext(o.name)) % 4],
            ARRAY['FI', (ARRAY['SE', 'NO', 'DK', 'EE'])[1 + abs(hashtext(o.name || 'x')) % 4]], ARRAY['utilities', 'industry'],
            100, abs(hashtext(o.name || 'u')) % 90, 'units', 10
     FROM organisations o WHERE o.cluster_id = $1 AND abs(hashtext(o.name || 'c')) % 10 < 6`,
    [clusterId],
  );
  await world.db.query(
    `INSERT INTO complementarity_rules (cluster_id, category_a, category_b, weight, source)
     SELECT $1, a, b, 0.3 + (abs(hashtext(a || b)) % 60) / 100.0, 'staff'
     FROM unnest($2::text[]) AS a, unnest($2::text[]) AS b WHERE a < b AND abs(hashtext(a || b)) % 3 > 0`,
    [clusterId, categories],
  );
}
