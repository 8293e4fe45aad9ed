import { ChannelIndex } from './channel-index';
import { ComplementarityTable } from './complementarity-table';
import { countIn, GRADES, IndexedChannel, IndexedProduct, indexProduct, segmentFit } from './indexes';
import { TopK } from './ranking';
import { CHANNEL_TYPES, gradeComplement, GuestProduct, scoreOf, typeFitOf, WEIGHTS } from './scoring';
import { bitCount, maskOf } from './terms';
import { boundOf, gradeSlot, potentialOf, ScoredPair, SearchOptions } from './top-k';

/**
 * The product side of the searches (see top-k.ts for the channel side, and the bounds both use):
 * a guest product's k best host channels, read from the channel index's lists.
 */

/**
 * The same score as `evaluate` (same vetoes, same arithmetic through `scoreOf`), without the
 * explanation: -1 for a vetoed pair. The channel must be live; `row` is the complement row of
 * the product's category and `category` its interned id. Its complement loop is `complementOf`
 * over interned ids: one generic function for both measured ~15 % slower matching at 100k (the
 * shared call sites see strings and numbers), and the property tests hold both to brute force.
 */
function fastScore(channel: IndexedChannel, product: IndexedProduct, category: number, row: Float64Array): number {
  if (channel.organisationId === product.organisationId) return -1;
  const inMarkets = countIn(product.markets, channel.inMarket);
  if (inMarkets === 0) return -1;
  let complement = 0;
  const { ownPairs } = channel;
  for (let i = 0; i < ownPairs.length; i++) {
    const ownCategory = ownPairs[i] >> 3;
    const ownGrade = ownPairs[i] & 7;
    let value: number;
    if (ownCategory === category) {
      if (ownGrade === product.grade) return -1;
      value = gradeComplement(ownGrade, product.grade);
    } else value = row[ownCategory] ?? 0;
    if (value > complement) complement = value;
  }
  if (complement <= 0) return -1;
  return scoreOf(complement, inMarkets / product.markets.length, segmentFit(product.segments, channel), channel.spare, channel.typeFits[gradeSlot(product.grade)]);
}

/** Per grade: the most any channel type and spare capacity can add. */
const BEST_POTENTIAL = GRADES.map((g) => Math.max(...CHANNEL_TYPES.map((type) => potentialOf(1, typeFitOf(type, g)))));

/**
 * The k best host channels for one guest product, by the same rule and the same exactness. Host
 * categories that complement the product are visited strongest first until one's best possible
 * score cannot reach the k-th best. Per category: the channels reaching the product's least
 * common market (bound: full market fit) and those reaching only its other markets (bound: one
 * market short), each list read best potential first and left when the bound falls below the
 * k-th best. A channel serving none of the product's segments is scored only if it can still
 * enter without them; each channel is scored at most once per search.
 */
export function topKForProduct(
  product: GuestProduct,
  index: ChannelIndex,
  table: ComplementarityTable,
  k: number,
  options: SearchOptions = {},
): ScoredPair[] {
  return topKForIndexedProduct(indexProduct(product, index.terms), index, table, k, options);
}

/** `topKForProduct` for a product indexed with the channel index's terms. */
export function topKForIndexedProduct(
  p: IndexedProduct,
  index: ChannelIndex,
  table: ComplementarityTable,
  k: number,
  { excluded = () => false, stats = { evaluated: 0 }, floor }: SearchOptions = {},
): ScoredPair[] {
  if (p.markets.length === 0) return [];
  const top = new TopK(k, floor);
  const g = gradeSlot(p.grade);
  const search = index.nextSearch();
  const anySegment = p.segments.length > 0;
  const segmentBound = WEIGHTS.segments * (anySegment ? 1 : 0.5);
  const partialFit = (p.markets.length - 1) / p.markets.length;
  const row = index.complementRow(p.category, table);
  const categoryId = index.terms.category(p.category);

  const { marketMasks, segmentMasks, searched } = index.columns;
  const potentials = index.columns.potentials[g];
  const exact = index.terms.fitMasks;
  const productMarkets = maskOf(p.markets);

  const scan = (category: string, complement: number) => {
    const lists: { m: number; list: Int32Array }[] = [];
    let rarest = -1;
    for (const m of p.markets) {
      const list = index.list(category, m, p.grade);
      if (!list || list.length === 0) continue;
      lists.push({ m, list });
      if (rarest < 0 || list.length < lists[rarest].list.length) rarest = lists.length - 1;
    }
    if (lists.length === 0) return;
    // A channel that fits all the product's markets reaches the rarest one: that list holds the whole fits.
    const whole = lists.length === p.markets.length;
    const rarestMarket = lists[rarest].m;
    const rarestBit = 1 << (rarestMarket & 31);
    for (let i = 0; i < lists.length; i++) {
      const marketFit = i === rarest && whole ? 1 : partialFit;
      if (marketFit === 0) continue;
      const base = WEIGHTS.complementarity * complement + WEIGHTS.markets * marketFit;
      const { list } = lists[i];
      for (let j = 0; j < list.length; j++) {
        const r = list[j];
        const potential = potentials[r];
        if (top.beats(base + segmentBound + potential)) break;
        if (searched[r] === search) continue;
        // Channels that also reach the rarest market belong to that list.
        if (i !== rarest && (marketMasks[r] & rarestBit) !== 0 && (exact.markets || index.channel(r).inMarket[rarestMarket])) continue;
        // The masks bound the channel's market and segment fit (exact ones tell them) before the channel is read.
        const segments = !anySegment ? 0.5 : exact.segments ? bitCount(segmentMasks[r] & p.segmentMask) / p.segments.length : (segmentMasks[r] & p.segmentMask) === 0 ? 0 : 1;
        const markets = exact.markets ? bitCount(marketMasks[r] & productMarkets) / p.markets.length : marketFit;
        if (top.beats(boundOf(complement, markets, segments, potential))) continue;
        searched[r] = search;
        stats.evaluated++;
        const c = index.channel(r);
        const score = fastScore(c, p, categoryId, row);
        if (score >= 0 && top.admits(score, c.id) && !excluded(c.id, p.id)) top.offer(c.id, score);
      }
    }
  };

  // The product's own category (grade complement, at most the farthest grade's) merged into its partners, strongest first.
  const farthest = Math.max(p.grade - 1, 5 - p.grade);
  const same = farthest > 0 ? gradeComplement(1, 1 + farthest) : 0;
  const partners = table.strongest(p.category);
  let sameDone = same <= 0;
  for (let i = 0; ; ) {
    let category: string;
    let complement: number;
    if (!sameDone && (i >= partners.length || same >= partners[i].weight)) {
      [category, complement, sameDone] = [p.category, same, true];
    } else if (i < partners.length) {
      ({ category, weight: complement } = partners[i++]);
    } else break;
    if (top.beats(boundOf(complement, 1, anySegment ? 1 : 0.5, BEST_POTENTIAL[g]))) break;
    scan(category, complement);
  }
  return top.items.map((item) => ({ channelId: item.id, productId: p.id, score: item.score }));
}
