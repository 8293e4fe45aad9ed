import fc from 'fast-check';
import { ComplementarityTable } from '../../src/modules/channel-sharing/matching/complementarity-table';
import { evaluate, gradeComplement, GuestProduct, HostChannel, upperBound } from '../../src/modules/channel-sharing/matching/scoring';
import {
  bruteForceTopKForChannel,
  bruteForceTopKForProduct,
  ChannelIndex,
  ProductIndex,
  topKForChannel,
  topKForProduct,
} from '../../src/modules/channel-sharing/matching/top-k';

const PLASTICS = '326199';
const MACHINERY = '333318';
const INSTRUMENTS = '334513';
const table = new ComplementarityTable([
  { categoryA: PLASTICS, categoryB: MACHINERY, weight: 0.8 },
  { categoryA: MACHINERY, categoryB: INSTRUMENTS, weight: 0.6 },
]);

const channel = (over: Partial<HostChannel> = {}): HostChannel => ({
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
const product = (over: Partial<GuestProduct> = {}): GuestProduct => ({
  id: 'p1',
  organisationId: 'guest',
  category: PLASTICS,
  grade: 3,
  segments: ['industry'],
  markets: ['FI', 'DE'],
  ...over,
});

describe('channel matching gates', () => {
  it.each([
    ['an inactive channel', channel({ active: false }), product(), 'channel_inactive'],
    ['an organisation with itself', channel(), product({ organisationId: 'host' }), 'same_organisation'],
    ['a channel with no spare capacity', channel({ usedCapacity: 100 }), product(), 'no_spare_capacity'],
    ['a product whose markets the channel does not reach', channel(), product({ markets: ['US'] }), 'no_market_overlap'],
    ['a direct competitor: same category and grade', channel(), product({ category: MACHINERY, grade: 3 }), 'direct_competitor'],
    ['a category pair with no complementarity', channel(), product({ category: '541330' }), 'no_complementarity'],
  ])('never proposes %s', (_what, c, p, veto) => {
    expect(evaluate(c, p, table.lookup)).toEqual({ kind: 'veto', veto });
  });
});

describe('channel matching score', () => {
  it('grade complement: the same category at another grade complements, more the farther apart', () => {
    expect(gradeComplement(3, 3)).toBe(0);
    expect(gradeComplement(1, 2)).toBeCloseTo(0.5);
    expect(gradeComplement(1, 5)).toBeCloseTo(0.8);
    const premium = evaluate(channel(), product({ category: MACHINERY, grade: 5 }), table.lookup);
    expect(premium.kind === 'scored' && premium.factors[0]).toEqual(
      expect.objectContaining({ factor: 'complementarity', value: 0.6, text: "same category, grade 5 beside the host's grade 3" }),
    );
  });

  it('explains every factor with its value, weight and contribution, and they add up to the score', () => {
    const result = evaluate(channel(), product(), table.lookup);
    if (result.kind !== 'scored') throw new Error('expected a score');
    expect(result.factors.map((f) => [f.factor, f.value, f.weight])).toEqual([
      ['complementarity', 0.8, 0.45],
      ['markets', 0.5, 0.25],
      ['segments', 1, 0.15],
      ['capacity', 0.6, 0.1],
      ['channelType', 0.9, 0.05],
    ]);
    expect(result.factors.find((f) => f.factor === 'markets')?.text).toBe("reaches 1 of the product's 2 target markets (FI)");
    expect(result.score).toBeCloseTo(result.factors.reduce((s, f) => s + f.contribution, 0), 6);
    expect(result.score).toBeCloseTo(0.45 * 0.8 + 0.25 * 0.5 + 0.15 + 0.1 * 0.6 + 0.05 * 0.9, 6);
  });

  it('the search bound is never below a real score', () => {
    const result = evaluate(channel(), product({ markets: ['FI'], segments: ['industry'] }), table.lookup);
    if (result.kind !== 'scored') throw new Error('expected a score');
    expect(upperBound(channel(), 0.8)).toBeGreaterThanOrEqual(result.score);
  });
});

// Small random markets: few categories, markets and organisations, so vetoes, ties and
// competitors all happen often.
const CATEGORIES = ['326199', '333318', '334513', '325412', '339112', '423450'];
const MARKETS = ['FI', 'SE', 'DK', 'DE'];
const SEGMENTS = ['industry', 'utilities', 'health'];
const TYPES = ['distributor', 'wholesale', 'e_commerce', 'field_sales'] as const;
const sub = <T>(items: readonly T[]) => fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: items.length });

const world = fc.record({
  rules: fc.array(
    fc.record({ categoryA: fc.constantFrom(...CATEGORIES), categoryB: fc.constantFrom(...CATEGORIES), weight: fc.constantFrom(0.2, 0.5, 0.8, 1) }),
    { maxLength: 10 },
  ),
  products: fc.array(
    fc.record({
      organisationId: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5'),
      category: fc.constantFrom(...CATEGORIES),
      grade: fc.integer({ min: 1, max: 5 }),
      segments: fc.uniqueArray(fc.constantFrom(...SEGMENTS), { maxLength: 3 }),
      markets: sub(MARKETS),
    }),
    { maxLength: 40 },
  ),
  channels: fc.array(
    fc.record({
      organisationId: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5'),
      type: fc.constantFrom(...TYPES),
      markets: sub(MARKETS),
      segments: fc.uniqueArray(fc.constantFrom(...SEGMENTS), { maxLength: 3 }),
      capacity: fc.constantFrom(0, 10, 100),
      usedCapacity: fc.constantFrom(0, 5, 10, 50),
      active: fc.constantFrom(true, true, true, true, false),
    }),
    { maxLength: 12 },
  ),
  k: fc.integer({ min: 1, max: 5 }),
});

describe('indexed top-k equals brute force', () => {
  it('per host channel and per guest product, on random small markets', () => {
    fc.assert(
      fc.property(world, ({ rules, products: rawProducts, channels: rawChannels, k }) => {
        const rulesTable = new ComplementarityTable(rules);
        const products: GuestProduct[] = rawProducts.map((p, i) => ({ ...p, id: `p${String(i).padStart(3, '0')}` }));
        const channels: HostChannel[] = rawChannels.map((c, i) => ({
          ...c,
          id: `c${String(i).padStart(3, '0')}`,
          hostProducts: products.filter((p) => p.organisationId === c.organisationId).map((p) => ({ category: p.category, grade: p.grade })),
        }));
        const productIndex = new ProductIndex(products);
        for (const c of channels) {
          expect(topKForChannel(c, productIndex, rulesTable, k)).toEqual(bruteForceTopKForChannel(c, products, rulesTable, k));
        }
        const channelIndex = new ChannelIndex(channels);
        for (const p of products) {
          expect(topKForProduct(p, channelIndex, rulesTable, k)).toEqual(bruteForceTopKForProduct(p, channels, rulesTable, k));
        }
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
