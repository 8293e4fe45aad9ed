import { ComplementarityTable } from './complementarity-table';
import {
  better,
  ChannelType,
  complementOf,
  evaluate,
  FactorExplanation,
  gradeComplement,
  GuestProduct,
  HostChannel,
  scoreOf,
  spareRatio,
  typeFitOf,
} from './scoring';

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
const GRADES = [1, 2, 3, 4, 5] as const;

/** Markets and segments as small integers, shared by a snapshot's two indexes. */
export class Terms {
  private readonly markets = new Map<string, number>();
  private readonly segments = new Map<string, number>();

  market(term: string): number {
    return intern(this.markets, term);
  }

  segment(term: string): number {
    return intern(this.segments, term);
  }
}

function intern(map: Map<string, number>, term: string): number {
  let id = map.get(term);
  if (id === undefined) map.set(term, (id = map.size));
  return id;
}

const sortedUnique = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

/** A guest product with its markets and segments as sorted, distinct integers. */
interface IndexedProduct {
  id: string;
  organisationId: string;
  category: string;
  grade: number;
  markets: number[];
  segments: number[];
}

/** A live host channel (active, spare capacity) with membership tables for the inner loop. */
interface IndexedChannel {
  id: string;
  organisationId: string;
  type: ChannelType;
  spare: number;
  markets: number[];
  inMarket: boolean[];
  inSegment: boolean[];
  own: { category: string; grade: number }[];
  /** Per grade 1–5: what spare capacity and type fit add to any score. */
  potential: number[];
}

function indexProduct(product: GuestProduct, terms: Terms): IndexedProduct {
  return {
    id: product.id,
    organisationId: product.organisationId,
    category: product.category,
    grade: product.grade,
    markets: sortedUnique(product.markets.map((m) => terms.market(m))),
    segments: sortedUnique(product.segments.map((s) => terms.segment(s))),
  };
}

const isLive = (channel: HostChannel) => channel.active && spareRatio(channel) > 0;

function indexChannel(channel: HostChannel, terms: Terms): IndexedChannel {
  const markets = sortedUnique(channel.markets.map((m) => terms.market(m)));
  const inMarket: boolean[] = [];
  for (const m of markets) inMarket[m] = true;
  const inSegment: boolean[] = [];
  for (const s of channel.segments) inSegment[terms.segment(s)] = true;
  return {
    id: channel.id, organisationId: channel.organisationId, type: channel.type, spare: spareRatio(channel), markets, inMarket, inSegment,
    own: channel.hostProducts,
    potential: GRADES.map((g) => scoreOf(0, 0, 0, spareRatio(channel), typeFitOf(channel.type, g))),
  };
}

function countIn(values: number[], member: boolean[]): number {
  let n = 0;
  for (const v of values) if (member[v]) n++;
  return n;
}

/** Share of these (distinct) segments the channel serves; 0.5 when there are none, as in `evaluate`. */
const segmentFit = (segments: number[], channel: IndexedChannel) =>
  segments.length === 0 ? 0.5 : countIn(segments, channel.inSegment) / segments.length;

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

/** A list that is sorted lazily: bulk loads push, the first read after a change sorts (cheap when nearly sorted). */
class SortedList<T> {
  private items: T[] = [];
  private dirty = false;
  constructor(private readonly order: (a: T, b: T) => number) {}

  push(item: T): void {
    this.items.push(item);
    this.dirty = true;
  }

  remove(item: T): void {
    const i = this.items.indexOf(item);
    if (i >= 0) this.items.splice(i, 1);
  }

  get size(): number {
    return this.items.length;
  }

  get sorted(): readonly T[] {
    if (this.dirty) {
      this.items.sort(this.order);
      this.dirty = false;
    }
    return this.items;
  }
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Products of one (category, grade) with the same market set and segment set, by id. */
interface ProductGroup {
  segments: number[];
  products: SortedList<IndexedProduct>;
}

/** Products of one (category, grade) with the same market set, by segment set. */
interface MarketSet {
  key: string;
  markets: number[];
  groups: Map<string, ProductGroup>;
}

/** The products of one (category, grade). */
interface CategoryGrade {
  /** market-set key → its groups: for a given channel every product of a group has the same score. */
  sets: Map<string, MarketSet>;
  /** market → the market sets that contain it, for products that only partly fit a channel's markets. */
  setsByMarket: Map<number, MarketSet[]>;
}

const setKey = (xs: number[]) => xs.join(',');

/**
 * Guest products by (category, grade), then by their exact market set and segment set. For a
 * channel, the products whose every market it reaches are found by looking up the subsets of its
 * markets; the market sets it reaches only partly are found by market. Each group scores as one.
 */
export class ProductIndex {
  private readonly byCategory = new Map<string, (CategoryGrade | undefined)[]>();
  private readonly indexed = new Map<string, IndexedProduct>();
  /** The most markets any product has had: bounds the market fit of partly fitting products. */
  private maxMarkets = 1;

  constructor(products: Iterable<GuestProduct>, readonly terms = new Terms()) {
    for (const product of products) this.add(product);
  }

  add(product: GuestProduct): void {
    this.remove(product);
    const p = indexProduct(product, this.terms);
    if (p.markets.length === 0) return;
    this.indexed.set(p.id, p);
    this.maxMarkets = Math.max(this.maxMarkets, p.markets.length);
    const entry = this.entry(p.category, p.grade, true)!;
    const marketKey = setKey(p.markets);
    let set = entry.sets.get(marketKey);
    if (!set) {
      entry.sets.set(marketKey, (set = { key: marketKey, markets: p.markets, groups: new Map() }));
      for (const m of p.markets) {
        const list = entry.setsByMarket.get(m);
        if (list) list.push(set);
        else entry.setsByMarket.set(m, [set]);
      }
    }
    const segmentKey = setKey(p.segments);
    let group = set.groups.get(segmentKey);
    if (!group) set.groups.set(segmentKey, (group = { segments: p.segments, products: new SortedList<IndexedProduct>(byId) }));
    group.products.push(p);
  }

  /** Takes out the product with this id, as it was indexed. */
  remove(product: { id: string }): void {
    const p = this.indexed.get(product.id);
    if (!p) return;
    this.indexed.delete(p.id);
    const entry = this.entry(p.category, p.grade, false)!;
    const set = entry.sets.get(setKey(p.markets))!;
    const group = set.groups.get(setKey(p.segments))!;
    group.products.remove(p);
    if (group.products.size > 0) return;
    set.groups.delete(setKey(p.segments));
    if (set.groups.size > 0) return;
    entry.sets.delete(set.key);
    for (const m of p.markets) {
      const list = entry.setsByMarket.get(m)!;
      list.splice(list.indexOf(set), 1);
      if (list.length === 0) entry.setsByMarket.delete(m);
    }
  }

  entry(category: string, grade: number, create: boolean): CategoryGrade | undefined {
    let grades = this.byCategory.get(category);
    if (!grades) {
      if (!create) return undefined;
      this.byCategory.set(category, (grades = []));
    }
    let entry = grades[grade];
    if (!entry && create) grades[grade] = entry = { sets: new Map(), setsByMarket: new Map() };
    return entry;
  }

  hasCategory(category: string): boolean {
    return this.byCategory.has(category);
  }

  /** The largest market set a product has: whole fits are looked up among subsets up to this size. */
  get widestMarketSet(): number {
    return this.maxMarkets;
  }

  /** The best market fit of a product that misses some of its markets. */
  get partialMarketFit(): number {
    return (this.maxMarkets - 1) / this.maxMarkets;
  }
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
 * Live host channels by (category the host sells, market the channel reaches), each list ordered
 * by what the channel itself adds to any score (spare capacity, type fit for the grade), best
 * first, so a search can stop inside a list.
 */
export class ChannelIndex {
  private readonly byKey = new Map<string, Map<number, SortedList<IndexedChannel>[]>>();
  private readonly indexed = new Map<string, { channel: IndexedChannel; categories: string[] }>();

  constructor(channels: Iterable<HostChannel>, readonly terms = new Terms()) {
    for (const channel of channels) this.add(channel);
  }

  add(channel: HostChannel): void {
    this.remove(channel);
    if (!isLive(channel)) return;
    const c = indexChannel(channel, this.terms);
    const categories = [...new Set(channel.hostProducts.map((p) => p.category))];
    this.indexed.set(c.id, { channel: c, categories });
    for (const category of categories) {
      let markets = this.byKey.get(category);
      if (!markets) this.byKey.set(category, (markets = new Map()));
      for (const m of c.markets) {
        let lists = markets.get(m);
        if (!lists) {
          lists = GRADES.map((g) => new SortedList<IndexedChannel>((a, b) => b.potential[g - 1] - a.potential[g - 1] || byId(a, b)));
          markets.set(m, lists);
        }
        for (const list of lists) list.push(c);
      }
    }
  }

  /** Takes out the channel with this id, as it was indexed. */
  remove(channel: { id: string }): void {
    const entry = this.indexed.get(channel.id);
    if (!entry) return;
    this.indexed.delete(channel.id);
    for (const category of entry.categories) {
      const markets = this.byKey.get(category)!;
      for (const m of entry.channel.markets) {
        const lists = markets.get(m)!;
        for (const list of lists) list.remove(entry.channel);
        if (lists[0].size === 0) markets.delete(m);
      }
      if (markets.size === 0) this.byKey.delete(category);
    }
  }

  list(category: string, market: number, grade: number): readonly IndexedChannel[] | undefined {
    return this.byKey.get(category)?.get(market)?.[Math.min(5, Math.max(1, grade)) - 1].sorted;
  }
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

/** What a matcher has learnt about one side's top k: the whole list, or a rank known to be inside it. */
interface Known {
  top?: string[];
  inside?: Floor;
}

/**
 * Mutual (reciprocal) top k: a pair is kept when the product is among the channel's k best and
 * the channel among the product's k best. The other side is asked only "does anything rank above
 * this pair k times?" (a search with a floor, which stops early), and what it answers is
 * remembered: a full top k, or a rank known to be inside it. A matcher reads one state of the
 * catalogue; use a fresh one after it changes. See ADR 5.
 */
export class MutualMatcher {
  private readonly products = new Map<string, Known>();
  private readonly channels = new Map<string, Known>();
  readonly stats: SearchStats = { evaluated: 0 };

  constructor(
    private readonly source: {
      products: ReadonlyMap<string, GuestProduct>;
      channels: ReadonlyMap<string, HostChannel>;
      productIndex: ProductIndex;
      channelIndex: ChannelIndex;
      table: ComplementarityTable;
      excluded: PairFilter;
    },
    private readonly k: number,
  ) {}

  forChannel(channel: HostChannel): ScoredPair[] {
    const { productIndex, table, excluded } = this.source;
    const top = topKForChannel(channel, productIndex, table, this.k, { excluded, stats: this.stats });
    this.channels.set(channel.id, { top: top.map((t) => t.productId) });
    return top.filter((pair) => this.inside(this.products, pair.productId, { score: pair.score, id: channel.id }, (floor) => {
      const product = this.source.products.get(pair.productId)!;
      return topKForProduct(product, this.source.channelIndex, table, this.k, { excluded, stats: this.stats, floor }).map((t) => t.channelId);
    }));
  }

  forProduct(product: GuestProduct): ScoredPair[] {
    const { channelIndex, table, excluded } = this.source;
    const top = topKForProduct(product, channelIndex, table, this.k, { excluded, stats: this.stats });
    this.products.set(product.id, { top: top.map((t) => t.channelId) });
    return top.filter((pair) => this.inside(this.channels, pair.channelId, { score: pair.score, id: product.id }, (floor) => {
      const channel = this.source.channels.get(pair.channelId)!;
      return topKForChannel(channel, this.source.productIndex, table, this.k, { excluded, stats: this.stats, floor }).map((t) => t.productId);
    }));
  }

  /** The explanation of a kept pair, from the full rule (and a check that search and rule agree). */
  explain(pair: ScoredPair): ExplainedPair {
    const result = evaluate(this.source.channels.get(pair.channelId)!, this.source.products.get(pair.productId)!, this.source.table.lookup);
    if (result.kind !== 'scored' || result.score !== pair.score) {
      throw new Error(`search and rule disagree on ${pair.channelId}/${pair.productId}: ${pair.score} vs ${JSON.stringify(result)}`);
    }
    return { ...pair, factors: result.factors };
  }

  /** Whether `rank` (this pair, seen from `subject`'s side) is inside the subject's top k. */
  private inside(known: Map<string, Known>, subject: string, rank: Floor, above: (floor: Floor) => string[]): boolean {
    const entry = known.get(subject) ?? {};
    if (entry.top) return entry.top.includes(rank.id);
    if (entry.inside && !better(entry.inside, rank)) return true;
    const ahead = above(rank);
    if (ahead.length >= this.k) entry.top = ahead; // k rank above it: those are the top k
    else entry.inside = rank;
    known.set(subject, entry);
    return ahead.length < this.k;
  }
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

/** Reference mutual top k of one channel: brute force on both sides. */
export function bruteForceMutualForChannel(
  channel: HostChannel,
  products: GuestProduct[],
  channels: HostChannel[],
  table: ComplementarityTable,
  k: number,
  excluded: PairFilter = () => false,
): ScoredPair[] {
  return bruteForceTopKForChannel(channel, products, table, k, excluded).filter((pair) =>
    bruteForceTopKForProduct(products.find((p) => p.id === pair.productId)!, channels, table, k, excluded).some((t) => t.channelId === channel.id),
  );
}
