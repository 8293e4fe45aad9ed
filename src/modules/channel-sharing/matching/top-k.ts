import { ComplementarityTable } from './complementarity-table';
import {
  CategoryGrade,
  ChannelIndex,
  countIn,
  GRADES,
  indexChannel,
  IndexedChannel,
  IndexedProduct,
  indexProduct,
  isLive,
  ProductGroup,
  ProductIndex,
  segmentFit,
  setKey,
} from './indexes';
import { better, complementOf, evaluate, FactorExplanation, gradeComplement, GuestProduct, HostChannel, scoreOf, typeFitOf } from './scoring';

/**
 * Exact top-k searches over indexes, so that a rebuild does not score every (channel, product)
 * pair. Every search visits its candidates in groups ("tiers") ordered by an upper bound of the
 * score any member of the group can reach, and stops when the current k-th best beats the next
 * bound; bounds never fall below a real score, so the result equals the brute-force top k (the
 * property test checks it). See docs/adr/0004-channel-matching.md and 0005.
 */

export interface ScoredPair {
  channelId: string;
  productId: string;
  score: number;
}

export interface ExplainedPair extends ScoredPair {
  factors: FactorExplanation[];
}

/** Pairs that must not be proposed again (agreed, or declined recently). */
export type PairFilter = (channelId: string, productId: string) => boolean;

/** Counts the pairs a search actually scored, for a run's progress figures. */
export interface SearchStats {
  evaluated: number;
}

// Scores are sums of values rounded to 1e-6; a bound may exceed the true score by rounding only.
const EPSILON = 1e-5;
/**
 * The same score as `evaluate` (same vetoes, same arithmetic through `scoreOf`), without the
 * explanation: -1 for a vetoed pair. The channel must be live.
 */
function fastScore(channel: IndexedChannel, product: IndexedProduct, table: ComplementarityTable): number {
  if (channel.organisationId === product.organisationId) return -1;
  const inMarkets = countIn(product.markets, channel.inMarket);
  if (inMarkets === 0) return -1;
  const complement = complementOf(channel.own, product.category, product.grade, table.lookup);
  if (complement <= 0) return -1;
  return scoreOf(complement, inMarkets / product.markets.length, segmentFit(product.segments, channel), channel.spare, typeFitOf(channel.type, product.grade));
}

/** A ranked position: candidates must rank above it, i.e. a higher score, or the same score and a smaller id. */
export interface Floor {
  score: number;
  id: string;
}

/** Keeps the k best by (score desc, id asc) in a small sorted array, optionally only those above a floor. */
class TopK {
  readonly items: { id: string; score: number }[] = [];
  constructor(private readonly k: number, private readonly floor?: Floor) {}

  get full(): boolean {
    return this.items.length >= this.k;
  }

  /** Whether a candidate with this score and id would enter. */
  admits(score: number, id: string): boolean {
    if (this.k <= 0) return false;
    const last = this.full ? this.items[this.items.length - 1] : this.floor;
    return !last || score > last.score || (score === last.score && id < last.id);
  }

  /** Nothing whose score is at most `bound` can enter any more. */
  beats(bound: number): boolean {
    const last = this.full ? this.items[this.items.length - 1] : this.floor;
    return this.k <= 0 || (last !== undefined && bound + EPSILON < last.score);
  }

  offer(id: string, score: number): void {
    if (!this.admits(score, id)) return;
    const item = { id, score };
    let i = this.items.length;
    while (i > 0 && better(item, this.items[i - 1])) i--;
    this.items.splice(i, 0, item);
    if (this.items.length > this.k) this.items.pop();
  }
}

/** What a search may be told besides its subject: pairs to leave out, counters, a floor. */
export interface SearchOptions {
  excluded?: PairFilter;
  stats?: SearchStats;
  /** Only candidates ranking above this; the search then stops early (used to test membership of a top k). */
  floor?: Floor;
}

/** The subsets of `markets` with at most `maxSize` members, as set keys; null when there are more than `limit`. */
function subsetKeys(markets: number[], maxSize: number, limit: number): string[] | null {
  const out: string[] = [];
  const pick: number[] = [];
  const walk = (from: number): boolean => {
    for (let i = from; i < markets.length; i++) {
      pick.push(markets[i]);
      out.push(setKey(pick));
      if (out.length > limit) return false;
      if (pick.length < maxSize && !walk(i + 1)) return false;
      pick.pop();
    }
    return true;
  };
  return walk(0) ? out : null;
}

const isSubset = (xs: number[], member: boolean[]) => xs.every((x) => member[x]);

/**
 * The k best guest products for one host channel, exactly as a scan over every product would
 * rank them. For every (category, grade) the host complements there are two tiers: the products
 * all of whose markets the channel reaches (bound: full market fit), found by looking up the
 * subsets of the channel's markets, and those it reaches only partly (bound: the best partial
 * fit). Whole tiers are read first, each pass in order of bound, and a pass stops at the first
 * tier the k-th best beats. Products with the same markets and segments score as one group and
 * are read in id order, so a group stops at the first product that cannot enter.
 */
export function topKForChannel(
  channel: HostChannel,
  index: ProductIndex,
  table: ComplementarityTable,
  k: number,
  { excluded = () => false, stats = { evaluated: 0 }, floor }: SearchOptions = {},
): ScoredPair[] {
  if (!isLive(channel)) return [];
  const c = indexChannel(channel, index.terms);
  const top = new TopK(k, floor);
  type Tier = { bound: number; entry: CategoryGrade; complement: number; typeFit: number };
  const tiers: Tier[] = [];
  const own = channel.hostProducts;
  const ownCategories = new Set(own.map((o) => o.category));
  const visit = (category: string) => {
    if (!index.hasCategory(category)) return;
    // Only the host's own categories depend on the grade (grade complement, competitor veto).
    const flat = ownCategories.has(category) ? -1 : complementOf(own, category, 1, table.lookup);
    for (const grade of GRADES) {
      const entry = index.entry(category, grade, false);
      if (!entry) continue;
      const complement = flat >= 0 ? flat : complementOf(own, category, grade, table.lookup);
      if (complement <= 0) continue;
      const typeFit = typeFitOf(c.type, grade);
      tiers.push({ bound: scoreOf(complement, 1, 1, c.spare, typeFit), entry, complement, typeFit });
    }
  };
  const visited = new Set<string>();
  for (const o of own) {
    for (const category of [o.category, ...table.partners(o.category).keys()]) {
      if (visited.has(category)) continue;
      visited.add(category);
      visit(category);
    }
  }
  tiers.sort((a, b) => b.bound - a.bound);

  const offerGroups = (groups: Map<string, ProductGroup>, complement: number, marketFit: number, typeFit: number) => {
    for (const group of groups.values()) {
      const score = scoreOf(complement, marketFit, segmentFit(group.segments, c), c.spare, typeFit);
      for (const p of group.products.sorted) {
        if (!top.admits(score, p.id)) break;
        if (p.organisationId === c.organisationId || excluded(c.id, p.id)) continue;
        stats.evaluated++;
        top.offer(p.id, score);
      }
    }
  };

  // Pass 1: whole fits. Look up the subsets of the channel's markets, or test the sets if they are fewer.
  const subsets = subsetKeys(c.markets, index.widestMarketSet, 4096);
  for (const { bound, entry, complement, typeFit } of tiers) {
    if (top.beats(bound)) break;
    if (subsets && subsets.length < entry.sets.size) {
      for (const key of subsets) {
        const set = entry.sets.get(key);
        if (set) offerGroups(set.groups, complement, 1, typeFit);
      }
    } else {
      for (const set of entry.sets.values()) if (isSubset(set.markets, c.inMarket)) offerGroups(set.groups, complement, 1, typeFit);
    }
  }
  // Pass 2: partial fits, each market set once (under the first of its markets the channel reaches).
  const partial = index.partialMarketFit;
  if (partial > 0) {
    for (const { entry, complement, typeFit } of tiers) {
      if (top.beats(scoreOf(complement, partial, 1, c.spare, typeFit))) break;
      for (const m of c.markets) {
        for (const set of entry.setsByMarket.get(m) ?? []) {
          const inMarkets = countIn(set.markets, c.inMarket);
          if (inMarkets === set.markets.length) continue;
          if (set.markets.find((x) => c.inMarket[x]) !== m) continue;
          const marketFit = inMarkets / set.markets.length;
          if (top.beats(scoreOf(complement, marketFit, 1, c.spare, typeFit))) continue;
          offerGroups(set.groups, complement, marketFit, typeFit);
        }
      }
    }
  }
  return top.items.map((item) => ({ channelId: channel.id, productId: item.id, score: item.score }));
}

/**
 * The k best host channels for one guest product, by the same rule and the same exactness. For
 * every host category that complements the product: the channels reaching its least common
 * market (bound: full market fit) and those reaching only its other markets (bound: one market
 * short), each list read best potential first and left when the bound falls below the k-th best.
 */
export function topKForProduct(
  product: GuestProduct,
  index: ChannelIndex,
  table: ComplementarityTable,
  k: number,
  { excluded = () => false, stats = { evaluated: 0 }, floor }: SearchOptions = {},
): ScoredPair[] {
  const p = indexProduct(product, index.terms);
  const top = new TopK(k, floor);
  if (p.markets.length === 0) return [];
  const farthest = Math.max(p.grade - 1, 5 - p.grade);
  const categories: [string, number][] = [
    ...(farthest > 0 ? [[p.category, gradeComplement(1, 1 + farthest)] as [string, number]] : []),
    ...table.partners(p.category),
  ];
  type Tier = { bound: number; list: readonly IndexedChannel[]; complement: number; marketFit: number; skipWith: number | null };
  const tiers: Tier[] = [];
  const boundOf = (c: IndexedChannel, complement: number, marketFit: number) =>
    scoreOf(complement, marketFit, 1, c.spare, typeFitOf(c.type, p.grade));
  for (const [category, complement] of categories) {
    const lists = p.markets.map((m) => ({ m, list: index.list(category, m, p.grade) })).filter((l) => l.list && l.list.length > 0);
    if (lists.length === 0) continue;
    // A channel that fits all the product's markets reaches the rarest one: that list holds the whole fits.
    const rarest = lists.reduce((a, b) => (b.list!.length < a.list!.length ? b : a));
    const whole = p.markets.every((m) => lists.some((l) => l.m === m));
    const partialFit = (p.markets.length - 1) / p.markets.length;
    for (const { m, list } of lists) {
      const isRarest = m === rarest.m;
      const marketFit = isRarest && whole ? 1 : partialFit;
      if (marketFit === 0) continue;
      tiers.push({ bound: boundOf(list![0], complement, marketFit), list: list!, complement, marketFit, skipWith: isRarest ? null : rarest.m });
    }
  }
  tiers.sort((a, b) => b.bound - a.bound);
  const seen = new Set<string>();
  for (const tier of tiers) {
    if (top.beats(tier.bound)) break;
    for (const c of tier.list) {
      if (top.beats(boundOf(c, tier.complement, tier.marketFit))) break;
      // Channels that also reach the rarest market belong to that list's tier.
      if (tier.skipWith !== null && c.inMarket[tier.skipWith]) continue;
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      stats.evaluated++;
      const score = fastScore(c, p, table);
      if (score >= 0 && top.admits(score, c.id) && !excluded(c.id, p.id)) top.offer(c.id, score);
    }
  }
  return top.items.map((item) => ({ channelId: item.id, productId: product.id, score: item.score }));
}

/** Reference implementation: every pair scored, for tests and the recall check. */
export function bruteForceTopKForChannel(
  channel: HostChannel,
  products: GuestProduct[],
  table: ComplementarityTable,
  k: number,
  excluded: PairFilter = () => false,
): ScoredPair[] {
  const top = new TopK(k);
  for (const product of products) {
    const result = evaluate(channel, product, table.lookup);
    if (result.kind !== 'scored' || excluded(channel.id, product.id)) continue;
    top.offer(product.id, result.score);
  }
  return top.items.map((item) => ({ channelId: channel.id, productId: item.id, score: item.score }));
}

export function bruteForceTopKForProduct(
  product: GuestProduct,
  channels: HostChannel[],
  table: ComplementarityTable,
  k: number,
  excluded: PairFilter = () => false,
): ScoredPair[] {
  const top = new TopK(k);
  for (const channel of channels) {
    const result = evaluate(channel, product, table.lookup);
    if (result.kind !== 'scored' || excluded(channel.id, product.id)) continue;
    top.offer(channel.id, result.score);
  }
  return top.items.map((item) => ({ channelId: item.id, productId: product.id, score: item.score }));
}

