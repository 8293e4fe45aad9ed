import fc from 'fast-check';
import { ComplementarityTable } from '../../src/modules/channel-sharing/matching/complementarity-table';
import { evaluate, gradeComplement, GuestProduct, HostChannel, scoreOf } from '../../src/modules/channel-sharing/matching/scoring';
import { ChannelIndex } from '../../src/modules/channel-sharing/matching/channel-index';
import { ProductIndex } from '../../src/modules/channel-sharing/matching/product-index';
import { Terms } from '../../src/modules/channel-sharing/matching/terms';
import { MutualMatcher } from '../../src/modules/channel-sharing/matching/mutual';
import { bruteForceMutualForChannel, bruteForceTopKForChannel, bruteForceTopKForProduct } from '../reference/channel-matching-brute-force';
import { topKForProduct } from '../../src/modules/channel-sharing/matching/product-search';
import { topKForChannel } from '../../src/modules/channel-sharing/matching/top-k';
import { CATEGORIES, channel, MACHINERY, MARKETS, product, SEGMENTS, sub, table, TYPES } from './matching-fixtures';

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
    const exporter = evaluate(channel({ type: 'export_agent' }), product(), table.lookup);
    expect(exporter.kind === 'scored' && exporter.factors.find((f) => f.factor === 'channelType')?.text).toBe("an export agent suits grade 3 products well");
    expect(result.score).toBeCloseTo(result.factors.reduce((s, f) => s + f.contribution, 0), 6);
    expect(result.score).toBeCloseTo(0.45 * 0.8 + 0.25 * 0.5 + 0.15 + 0.1 * 0.6 + 0.05 * 0.9, 6);
  });

  it('the score is the rounded sum of the rounded contributions, the bound the search uses', () => {
    const result = evaluate(channel(), product({ markets: ['FI'], segments: ['industry'] }), table.lookup);
    if (result.kind !== 'scored') throw new Error('expected a score');
    const [c, m, s, cap, type] = result.factors.map((f) => f.value);
    expect(result.score).toBeCloseTo(result.factors.reduce((sum, f) => sum + f.contribution, 0), 6);
    expect(scoreOf(c, m, s, cap, type)).toBeCloseTo(result.score, 6);
    // With markets and segments at their best the score can only rise.
    expect(scoreOf(c, 1, 1, cap, type)).toBeGreaterThanOrEqual(result.score);
  });
});


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
  blocked: fc.array(fc.tuple(fc.nat(11), fc.nat(39)), { maxLength: 6 }),
});

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

describe('indexed top-k equals brute force', () => {
  const build = ({ rules, products: rawProducts, channels: rawChannels, blocked }: World) => {
    const rulesTable = new ComplementarityTable(rules);
    const products: GuestProduct[] = rawProducts.map((p, i) => ({ ...p, id: `p${String(i).padStart(3, '0')}` }));
    const channels: HostChannel[] = rawChannels.map((c, i) => ({
      ...c,
      id: `c${String(i).padStart(3, '0')}`,
      hostProducts: products.filter((p) => p.organisationId === c.organisationId).map((p) => ({ category: p.category, grade: p.grade })),
    }));
    const blockedPairs = new Set(blocked.map(([c, p]) => `c${String(c).padStart(3, '0')}|p${String(p).padStart(3, '0')}`));
    const excluded = (channelId: string, productId: string) => blockedPairs.has(`${channelId}|${productId}`);
    return { rulesTable, products, channels, excluded };
  };

  /**
   * Terms whose ids fold onto each other in masks: half the test's markets and segments get ids
   * 0, 1 and the rest 32, 33 (the same bits), with other terms between, so masks only rule out.
   */
  const crowdedTerms = () => {
    const terms = new Terms();
    const half = (xs: string[]) => [xs.slice(0, Math.ceil(xs.length / 2)), xs.slice(Math.ceil(xs.length / 2))];
    const [[m1, m2], [s1, s2]] = [half(MARKETS), half(SEGMENTS)];
    m1.forEach((m) => terms.market(m));
    s1.forEach((x) => terms.segment(x));
    for (let i = m1.length; i < 32; i++) terms.market(`M${i}`);
    for (let i = s1.length; i < 32; i++) terms.segment(`s${i}`);
    m2.forEach((m) => terms.market(m));
    s2.forEach((x) => terms.segment(x));
    return terms;
  };

  const agreesWithBruteForce = (newTerms: () => Terms) =>
      fc.property(world, (w) => {
        const { rulesTable, products, channels, excluded } = build(w);
        const terms = newTerms();
        const productIndex = new ProductIndex(products, terms);
        const channelIndex = new ChannelIndex(channels, terms);
        for (const c of channels) {
          const all = bruteForceTopKForChannel(c, products, rulesTable, products.length, excluded);
          expect(topKForChannel(c, productIndex, rulesTable, w.k, { excluded })).toEqual(all.slice(0, w.k));
          // Above a floor: the best k of those ranking above it.
          for (const floor of all.slice(0, 3)) {
            const above = all.slice(0, all.indexOf(floor)).slice(0, w.k);
            expect(topKForChannel(c, productIndex, rulesTable, w.k, { excluded, floor: { score: floor.score, id: floor.productId } })).toEqual(above);
          }
        }
        for (const p of products) {
          const all = bruteForceTopKForProduct(p, channels, rulesTable, channels.length, excluded);
          expect(topKForProduct(p, channelIndex, rulesTable, w.k, { excluded })).toEqual(all.slice(0, w.k));
          for (const floor of all.slice(0, 3)) {
            const above = all.slice(0, all.indexOf(floor)).slice(0, w.k);
            expect(topKForProduct(p, channelIndex, rulesTable, w.k, { excluded, floor: { score: floor.score, id: floor.channelId } })).toEqual(above);
          }
        }
        const matcher = new MutualMatcher({
          channels: new Map(channels.map((c) => [c.id, c])),
          productIndex, channelIndex, table: rulesTable, excluded,
        }, w.k);
        for (const c of channels) {
          const mutual = matcher.forChannel(c);
          expect(mutual).toEqual(bruteForceMutualForChannel(c, products, channels, rulesTable, w.k, excluded));
          for (const pair of mutual) expect(matcher.explain(pair).factors).toHaveLength(5);
        }
        // From the product side, with a fresh matcher (what a refresh of the guest does).
        const guestSide = new MutualMatcher({
          channels: new Map(channels.map((c) => [c.id, c])),
          productIndex, channelIndex, table: rulesTable, excluded,
        }, w.k);
        for (const p of products) {
          const expected = bruteForceTopKForProduct(p, channels, rulesTable, w.k, excluded).filter((pair) =>
            bruteForceTopKForChannel(channels.find((c) => c.id === pair.channelId)!, products, rulesTable, w.k, excluded).some((t) => t.productId === p.id));
          expect(guestSide.forProduct(p)).toEqual(expected);
        }
      });

  it('per host channel and per guest product, on random small markets, with blocked pairs', () => {
    fc.assert(agreesWithBruteForce(() => new Terms()), { numRuns: 300, seed: 20261123 });
  });

  it('the same with more than 32 markets and segments in the terms (masks that only rule out)', () => {
    expect(crowdedTerms().fitMasks).toEqual({ markets: false, segments: false });
    fc.assert(agreesWithBruteForce(crowdedTerms), { numRuns: 200, seed: 20261125 });
  });

  it('after products and channels are removed, changed and added again (as a refresh does)', () => {
    fc.assert(
      fc.property(world, fc.array(fc.nat(), { maxLength: 8 }), (w, picks) => {
        const { rulesTable, products, channels, excluded } = build(w);
        const productIndex = new ProductIndex(products);
        const channelIndex = new ChannelIndex(channels, productIndex.terms);
        // Searched before the changes too, so that what searches make and keep (run tables, sets by market) must follow them.
        const searchAll = () => {
          for (const c of channels) {
            expect(topKForChannel(c, productIndex, rulesTable, w.k, { excluded })).toEqual(bruteForceTopKForChannel(c, products, rulesTable, w.k, excluded));
          }
          for (const p of products) {
            expect(topKForProduct(p, channelIndex, rulesTable, w.k, { excluded })).toEqual(bruteForceTopKForProduct(p, channels, rulesTable, w.k, excluded));
          }
        };
        searchAll();
        let newIds = 0;
        for (const pick of picks) {
          if (products.length > 0) {
            const i = pick % products.length;
            productIndex.remove(products[i]);
            if (pick % 3 === 0) products.splice(i, 1);
            else {
              products[i] = { ...products[i], grade: (products[i].grade % 5) + 1, markets: [...products[i].markets].reverse().slice(0, 2) };
              productIndex.add(products[i]);
            }
          }
          if (products.length > 0 && pick % 2 === 0) {
            // A new product beside an existing one (a run or market set already read gains a member), or in a market set of its own.
            const model = products[pick % products.length];
            const markets = pick % 4 === 0 ? model.markets : [...new Set([MARKETS[pick % MARKETS.length], ...model.markets])];
            const added = { ...model, id: `q${String(newIds++).padStart(3, '0')}`, organisationId: `o${(pick % 5) + 1}`, markets };
            products.push(added);
            productIndex.add(added);
          }
          if (channels.length > 0) {
            const i = pick % channels.length;
            channels[i] = { ...channels[i], usedCapacity: (channels[i].usedCapacity + 5) % 12, markets: [...channels[i].markets, 'NO'] };
            channelIndex.add(channels[i]);
          }
        }
        searchAll();
      }),
      { numRuns: 200, seed: 20261124 },
    );
  });
});
