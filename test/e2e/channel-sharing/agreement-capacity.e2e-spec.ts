import { expectProblem } from '../../support/problem';
import { useStack } from '../../support/stack';
import { matchMarket } from './match-market';

/**
 * An agreement takes capacity from what the channel has left, not from its total: a channel that
 * already carries other members' products can promise only its spare capacity.
 */
describe('channel sharing: an agreement fits the channel\'s spare capacity', () => {
  const stack = useStack({ worker: true });
  const { http } = stack;
  const { market, approve } = matchMarket(() => stack.world, () => stack.api.url);

  it('refuses an allotment above the spare capacity though below the total, and takes one that fits', async () => {
    const m = await market();
    await approve(m.staff, m.approvalId, m.match.id, m.g);
    for (const side of [m.h, m.g]) await http().post(`/api/v1/channel-matches/${m.match.id}/accept`).set(side).send({}).expect(200);
    // The channel (capacity 100) already carries 70 for earlier agreements.
    await stack.world.db.query(`UPDATE channels SET used_capacity = 70 WHERE id = $1`, [m.channel.id]);
    const agree = (capacityAllotted: number) => http().post(`/api/v1/channel-matches/${m.match.id}/agreement`).set(m.h)
      .send({ commissionPct: 10, capacityAllotted, termMonths: 12 });

    const tooBig = await agree(40);
    expect(expectProblem(tooBig, 409).detail).toContain('30 spare capacity');
    expect((await http().get(`/api/v1/channels/${m.channel.id}`).set(m.h).expect(200)).body)
      .toEqual(expect.objectContaining({ usedCapacity: 70, spareCapacity: 30 }));
    expect((await http().get(`/api/v1/channel-matches/${m.match.id}`).set(m.h).expect(200)).body.status).toBe('accepted');

    await agree(30).expect(200);
    expect((await http().get(`/api/v1/channels/${m.channel.id}`).set(m.h).expect(200)).body)
      .toEqual(expect.objectContaining({ usedCapacity: 100, spareCapacity: 0 }));
  });
});
