import request from 'supertest';
import { Row, World } from '../../factories/world';
import { eventually } from '../../support/smtp-sink';

export type Auth = { authorization: string };

/**
 * A proposed channel-sharing match made the way members and staff make one: catalogue entries
 * through the API, a complementarity rule, a staff-started run; and the staff approval that
 * shows it to both parties. Shared by the match lifecycle and response specs; the getters are
 * read when a test runs, after the spec's beforeAll started the API.
 */
export function matchMarket(world: () => World, apiUrl: () => string) {
  const http = () => request(apiUrl());

  /** A cluster with a machinery maker that has a channel and a plastics maker with a complementary product. */
  async function market() {
    const cluster = await world().cluster();
    const staffUser = await world().user(['staff'], { clusterId: cluster.id });
    const staff = await world().auth(staffUser);
    const host = await world().organisation(cluster.id, 'sme', `Nordic Pumps ${cluster.id.slice(0, 6)}`);
    const guest = await world().organisation(cluster.id, 'sme', `Polymer Parts ${cluster.id.slice(0, 6)}`);
    const hostUser = await world().member(host.id);
    const guestUser = await world().member(guest.id);
    const h = await world().auth(hostUser);
    const g = await world().auth(guestUser);
    await http().post('/api/v1/products').set(h).send({
      organisationId: host.id, name: 'Service pumps', category: '333318', grade: 3, segments: ['utilities'], markets: ['FI'],
    }).expect(201);
    const channel = (await http().post('/api/v1/channels').set(h).send({
      organisationId: host.id, name: 'Nordic utilities distributor', type: 'distributor', markets: ['FI', 'SE'], segments: ['utilities'],
      capacity: 100, capacityUnit: 'pallets/month', commissionPct: 12,
    }).expect(201)).body;
    const product = (await http().post('/api/v1/products').set(g).send({
      organisationId: guest.id, name: 'HDPE pump fittings', category: '326199', grade: 2, segments: ['utilities'], markets: ['FI'],
    }).expect(201)).body;
    await http().post('/api/v1/complementarity-rules').set(staff).send({ categoryA: '326199', categoryB: '333318', weight: 0.8 }).expect(201);
    const started = await http().post('/api/v1/matching-runs').set(staff).send({}).expect(201);
    await eventually(async () => {
      const run = await http().get(`/api/v1/matching-runs/${started.body.id}`).set(staff).expect(200);
      return run.body.status === 'completed' || undefined;
    }, 'the run to complete');
    const listed = await http().get('/api/v1/channel-matches').query({ status: 'proposed' }).set(staff).expect(200);
    const match = listed.body.items.find((x: { channel: Row; product: Row }) => x.channel.id === channel.id && x.product.id === product.id);
    expect(match).toBeDefined();
    const approvalId = (await world().one('SELECT approval_id FROM channel_matches WHERE id = $1', [match.id])).approval_id as string;
    return { cluster, staff, staffUser, host, guest, hostUser, guestUser, h, g, channel, product, match, approvalId };
  }

  const approve = async (staff: Auth, approvalId: string, matchId: string, viewer: Auth) => {
    await http().post(`/api/v1/approvals/${approvalId}/decision`).set(staff).send({ decision: 'approved' }).expect(200);
    return eventually(async () => {
      const r = await http().get(`/api/v1/channel-matches/${matchId}`).set(viewer);
      return r.status === 200 && r.body.status === 'approved' ? r.body : undefined;
    }, 'the match to be approved');
  };

  return { market, approve };
}
