import fc from 'fast-check';
import { ComplementarityTable } from '../../src/modules/channel-sharing/matching/complementarity-table';
import { GuestProduct, HostChannel } from '../../src/modules/channel-sharing/matching/scoring';

// Shared by the channel-matching unit specs: three categories, a rule table, and a host channel
// and a guest product that fit each other unless a test overrides a field.

export const PLASTICS = '326199';
export const MACHINERY = '333318';
export const INSTRUMENTS = '334513';
export const table = new ComplementarityTable([
  { categoryA: PLASTICS, categoryB: MACHINERY, weight: 0.8 },
  { categoryA: MACHINERY, categoryB: INSTRUMENTS, weight: 0.6 },
]);

export const channel = (over: Partial<HostChannel> = {}): HostChannel => ({
  id: 'c1',
  organisationId: 'host',
  type: 'distributor',
  markets: ['FI', 'SE'],
  segments: ['utilities', 'industry'],
  capacity: 100,
  usedCapacity: 40,
  active: true,
  hostProducts: [{ category: MACHINERY, grade: 3 }],
  ...over,
});
export const product = (over: Partial<GuestProduct> = {}): GuestProduct => ({
  id: 'p1',
  organisationId: 'guest',
  category: PLASTICS,
  grade: 3,
  segments: ['industry'],
  markets: ['FI', 'DE'],
  ...over,
});

// Small random markets: few categories, markets and organisations, so vetoes, ties and
// competitors all happen often.
export const CATEGORIES = ['326199', '333318', '334513', '325412', '339112', '423450'];
export const MARKETS = ['FI', 'SE', 'DK', 'DE'];
export const SEGMENTS = ['industry', 'utilities', 'health'];
export const TYPES = ['distributor', 'wholesale', 'e_commerce', 'field_sales'] as const;
export const sub = <T>(items: readonly T[]) => fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: items.length });
