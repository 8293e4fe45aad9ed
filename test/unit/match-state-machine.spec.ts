import { InvalidTransitionError } from '../../src/platform/http/domain-error';
import { matchMachine } from '../../src/modules/channel-sharing/matches/match-state-machine';
import { anonymousDescription as anonymous, sizeBand } from '../../src/modules/directory/counterpart';
import { mailFor, MatchDetails } from '../../src/modules/channel-sharing/matches/match-details';

describe('channel match lifecycle', () => {
  it('staff decide proposals; parties answer approved matches; the host agrees accepted ones', () => {
    expect(matchMachine.next('proposed', 'approve', {})).toBe('approved');
    expect(matchMachine.next('proposed', 'reject', {})).toBe('rejected');
    expect(matchMachine.next('approved', 'accept', { alreadyAccepted: false })).toBe('approved');
    expect(matchMachine.next('approved', 'both_accepted', {})).toBe('accepted');
    expect(matchMachine.next('accepted', 'agree', { spareCapacity: 30, capacityAllotted: 30 })).toBe('agreed');
    expect(matchMachine.next('approved', 'decline', { reason: 'full' })).toBe('declined');
    expect(matchMachine.next('accepted', 'decline', { reason: 'terms' })).toBe('declined');
    expect(matchMachine.next('approved', 'expire', {})).toBe('expired');
  });

  it('refuses wrong steps with the current state', () => {
    expect(() => matchMachine.next('proposed', 'accept', {})).toThrow(InvalidTransitionError);
    expect(() => matchMachine.next('approved', 'agree', { spareCapacity: 10, capacityAllotted: 1 })).toThrow(/approved; it cannot agree/);
    expect(() => matchMachine.next('approved', 'accept', { alreadyAccepted: true })).toThrow(/already accepted/);
    expect(() => matchMachine.next('approved', 'decline', { reason: '  ' })).toThrow(/needs a reason/);
    expect(() => matchMachine.next('accepted', 'agree', { spareCapacity: 10, capacityAllotted: 11 })).toThrow(/10 spare capacity/);
    expect(() => matchMachine.next('accepted', 'expire', {})).toThrow(InvalidTransitionError);
    for (const final of ['agreed', 'rejected', 'declined', 'expired'] as const) expect(matchMachine.isFinal(final)).toBe(true);
  });

  it('describes the other side without its name until both accepted', () => {
    const party = (name: string, organisationId: string) => ({
      organisationId, name, kind: 'sme', region: 'Lahti', country: 'FI', employeeCount: 48, website: null,
    });
    const match = {
      id: 'm1', status: 'approved', score: 0.9, factors: [{ factor: 'markets', value: 1, weight: 0.25, contribution: 0.25, text: 'reaches 1 of 1' }],
      respondBy: new Date('2026-12-07T00:00:00Z'), declineReason: null, agreement: null,
      channel: { name: 'Utilities distributor', type: 'distributor', capacityUnit: 'pallets' },
      product: { name: 'Fittings' },
      host: party('Oulu Water', 'h'), guest: party('Lahti Plastics', 'g'),
    } as unknown as MatchDetails;
    expect(sizeBand(48)).toBe('small (10–49 employees)');
    expect(anonymous(match.host)).toBe('a small sme in Lahti, FI');
    const beforeAccept = mailFor(match, 'guest', 'approved', 'http://x', [{ name: 'A', email: 'a@x' }]);
    expect(beforeAccept).toEqual(expect.objectContaining({ counterpart: 'a small sme in Lahti, FI', contacts: undefined, respondBy: '2026-12-07' }));
    expect(beforeAccept.explanation).toEqual(['markets: reaches 1 of 1 (value 1.00 × weight 0.25 = 0.250)']);
    const after = mailFor({ ...match, status: 'accepted' }, 'guest', 'accepted', 'http://x', [{ name: 'A', email: 'a@x' }]);
    expect(after).toEqual(expect.objectContaining({ counterpart: 'Oulu Water', contacts: [{ name: 'A', email: 'a@x' }] }));
  });
});
