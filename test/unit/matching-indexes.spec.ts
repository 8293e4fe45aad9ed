import fc from 'fast-check';
import { ComplementarityTable } from '../../src/modules/channel-sharing/matching/complementarity-table';
import { GuestProduct, HostChannel } from '../../src/modules/channel-sharing/matching/scoring';
import { ChannelIndex } from '../../src/modules/channel-sharing/matching/channel-index';
import { ProductIndex } from '../../src/modules/channel-sharing/matching/product-index';
import { Terms } from '../../src/modules/channel-sharing/matching/terms';
import { shardSize } from '../../src/modules/channel-sharing/matching/shard-size';
import { bruteForceTopKForProduct } from '../reference/channel-matching-brute-force';
import { topKForProduct } from '../../src/modules/channel-sharing/matching/product-search';
import { CATEGORIES, channel, MARKETS, product, SEGMENTS, table, TYPES } from './matching-fixtures';

describe('channel index columns', () => {
  it('keep every channel right, and every list in order, as they grow past their first size and rows are freed and reused', () => {
    const rng = fc.sample(fc.nat(1_000_000), { numRuns: 6_000, seed: 20261124 });
    let at = 0;
    const pick = <T>(xs: readonly T[]) => xs[rng[at++ % rng.length] % xs.length];
    const host = (i: number): HostChannel => ({
      id: `c${String(i).padStart(5, '0')}`, organisationId: `o${i % 40}`, type: pick(TYPES), markets: [pick(MARKETS), pick(MARKETS)],
      segments: [pick(SEGMENTS)], capacity: 100, usedCapacity: pick([0, 20, 50, 90]), active: true,
      hostProducts: [{ category: pick(CATEGORIES), grade: 1 + (i % 5) }],
    });
    const channels = new Map<number, HostChannel>();
    const index = new ChannelIndex([]);
    for (let i = 0; i < 1_500; i++) channels.set(i, host(i)); // past the first 1,024 rows
    index.addAll(channels.values());
    for (let i = 0; i < 1_500; i += 3) {
      index.remove(channels.get(i)!);
      channels.delete(i);
    }
    for (let i = 1_500; i < 1_900; i++) {
      channels.set(i, host(i)); // into freed rows, then past them
      index.add(channels.get(i)!);
    }
    // Every list: best potential first, ties by id, after the bulk load and the changes alike.
    let listed = 0;
    for (const category of CATEGORIES) {
      for (const market of MARKETS) {
        for (let grade = 1; grade <= 5; grade++) {
          const rows = [...(index.list(category, index.terms.market(market), grade) ?? [])];
          const potential = index.columns.potentials[grade - 1];
          const ranked = rows.map((row) => ({ potential: potential[row], id: index.channel(row).id }));
          const expected = [...ranked].sort((a, b) => b.potential - a.potential || (a.id < b.id ? -1 : 1));
          expect(ranked).toEqual(expected);
          listed += rows.length;
        }
      }
    }
    expect(listed).toBeGreaterThan(1_000);
    const table = new ComplementarityTable(CATEGORIES.flatMap((a, i) => CATEGORIES.slice(i + 1).map((b) => ({ categoryA: a, categoryB: b, weight: 0.5 }))));
    for (let n = 0; n < 40; n++) {
      const product: GuestProduct = {
        id: `p${n}`, organisationId: `o${n % 40}`, category: pick(CATEGORIES), grade: 1 + (n % 5), segments: [pick(SEGMENTS)], markets: [pick(MARKETS)],
      };
      expect(topKForProduct(product, index, table, 10)).toEqual(bruteForceTopKForProduct(product, [...channels.values()], table, 10));
    }
  });
});

describe('terms', () => {
  it('give one shared, sorted, distinct array per set, however a row writes it', () => {
    const terms = new Terms();
    const a = terms.marketIds('SE|FI|SE', '|');
    expect(a).toEqual([0, 1]); // ids in first-seen order
    expect(terms.marketNames(a)).toEqual(['SE', 'FI']);
    expect(terms.marketIds('FI|SE', '|')).toBe(a);
    expect(terms.marketIds('SE|FI|SE', '|')).toBe(a); // a second time, from the joined strings it remembers
    expect(terms.marketSet(['FI', 'SE', 'FI'])).toBe(a);
    expect(terms.marketIds('FI', '|')).toEqual([1]);
    expect(terms.marketIds('', '|')).toEqual([]);
    expect(terms.segmentIds('SE', '|')).toEqual([0]); // segments are a vocabulary of their own
    const members = terms.marketMembers(a);
    expect([0, 1, 2].map((id) => members[id] === true)).toEqual([true, true, false]);
    expect(terms.marketMembers(terms.marketSet(['SE', 'FI']))).toBe(members);
    expect(terms.sold('333318', 2)).toBe(terms.sold('333318', 2));
    expect(terms.sold('333318', 2)).not.toBe(terms.sold('333318', 3));
  });
});

describe('product index rows', () => {
  it('finds bulk-loaded and later products by id, forgets removed ones, and gives them back as they were added', () => {
    const product = (n: number, markets = ['SE', 'FI']): GuestProduct => ({
      id: `p${String(n).padStart(3, '0')}`, organisationId: `o${n % 3}`, category: CATEGORIES[n % 2], grade: 1 + (n % 5), markets, segments: ['health'],
    });
    const loaded = [1, 2, 3, 4, 5].map((n) => product(n));
    const index = new ProductIndex(loaded); // in id order: the binary-searched part
    index.remove({ id: 'p003' });
    index.add(product(7)); // after the bulk load: by Map
    index.add(product(3, ['DK'])); // back, changed
    index.add(product(9, [])); // names no market: not held
    expect(['p001', 'p003', 'p005', 'p007', 'p009', 'p010'].map((id) => index.get(id)?.id)).toEqual(['p001', 'p003', 'p005', 'p007', undefined, undefined]);
    expect(index.product('p003')).toEqual({ ...product(3, ['DK']) });
    expect(index.product('p002')).toEqual({ ...loaded[1], markets: ['SE', 'FI'] }); // in the terms' order: SE came first
    index.remove({ id: 'p007' });
    index.remove({ id: 'p001' });
    expect([index.get('p007'), index.get('p001')]).toEqual([undefined, undefined]);
    expect(index.get('p002')).toEqual(expect.objectContaining({ id: 'p002', organisationId: 'o2', category: CATEGORIES[0], grade: 3 }));
  });

  it("gives an organisation's products and what it sells from the rows, and takes them all out", () => {
    const product = (n: number, organisationId: string, grade: number): GuestProduct => ({
      id: `p${String(n).padStart(3, '0')}`, organisationId, category: CATEGORIES[0], grade, markets: ['SE'], segments: [],
    });
    const index = new ProductIndex([product(1, 'oa', 2), product(2, 'ob', 1), product(3, 'oa', 2), product(4, 'oa', 4)]);
    expect(index.productIdsOf('oa')).toEqual(['p001', 'p003', 'p004']);
    expect(index.soldBy('oa').map((s) => [s.category, s.grade])).toEqual([[CATEGORIES[0], 2], [CATEGORIES[0], 2], [CATEGORIES[0], 4]]);
    expect([index.organisationId('oa'), index.organisationId('oc')]).toEqual(['oa', undefined]);
    index.remove({ id: 'p003' });
    index.add(product(5, 'oa', 3));
    expect(index.productIdsOf('oa')).toEqual(['p001', 'p004', 'p005']);
    index.removeOrganisation('oa');
    expect([index.productIdsOf('oa'), index.organisationId('oa'), index.get('p001'), index.get('p005')]).toEqual([[], undefined, undefined, undefined]);
    expect(index.productIdsOf('ob')).toEqual(['p002']);
    index.add(product(6, 'oa', 5)); // re-read after a change: only its new rows
    expect(index.productIdsOf('oa')).toEqual(['p006']);
  });

  it('keeps its row columns past their first growth, and reuses the number of a set that emptied', () => {
    // 3,000 rows: the row columns start at 1,024 entries and double twice.
    const product = (n: number, markets: string[]): GuestProduct => ({
      id: `p${String(n).padStart(5, '0')}`, organisationId: `o${n % 7}`, category: CATEGORIES[n % 2], grade: 1 + (n % 5), markets, segments: [],
    });
    const all = Array.from({ length: 3000 }, (_, n) => product(n, [['SE'], ['FI'], ['SE', 'DK']][n % 3]));
    const index = new ProductIndex(all);
    expect(all.map((p) => index.get(p.id)?.id)).toEqual(all.map((p) => p.id));
    expect(index.productIdsOf('o3')).toEqual(all.filter((p) => p.organisationId === 'o3').map((p) => p.id));
    const before = index.sets.entries.length;
    // One set per (category, grade, market set): 2 x 5 x 3 = 30, so emptying one and adding
    // another market set reuses the emptied number.
    const dk = all.filter((p) => p.category === CATEGORIES[0] && p.grade === 1 && p.markets.length === 2);
    for (const p of dk) index.remove(p);
    index.add(product(3000 * 30, ['NO'])); // category 0, grade 1
    expect([before, index.sets.entries.length]).toEqual([30, 30]);
    expect(index.product(product(3000 * 30, ['NO']).id)).toEqual(product(3000 * 30, ['NO']));
    expect(dk.map((p) => index.get(p.id))).toEqual(dk.map(() => undefined));
  });
});

describe('shard size of a full rebuild', () => {
  it('keeps the configured size for large runs, cuts mid-sized runs into 16 shards, and never below 100 channels', () => {
    expect(shardSize(59_809, 2_000)).toBe(2_000);
    expect(shardSize(5_946, 2_000)).toBe(372);
    expect(shardSize(614, 2_000)).toBe(100);
    expect(shardSize(10, 4)).toBe(4);
  });
});
