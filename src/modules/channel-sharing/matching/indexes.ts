import { CHANNEL_TYPES, ChannelType, GuestProduct, HostChannel, spareRatio, typeFitOf } from './scoring';
import { byId, insertionPoint } from './sorted-list';
import { Terms } from './terms';

/**
 * The in-memory indexes the top-k searches read (see top-k.ts): guest products grouped so that a
 * whole group scores as one for a given channel, and live host channels in lists ordered by what
 * the channel itself adds to any score. Both can change in place, as a refresh changes them.
 */

export const GRADES = [1, 2, 3, 4, 5] as const;

/**
 * A guest product with its markets and segments as sorted, distinct integers: the arrays the
 * terms hold for those sets (`Terms.marketSet`), one per distinct set, so that products with the
 * same segments share one array (a run, see `MarketSet`).
 */
export interface IndexedProduct {
  id: string;
  organisationId: string;
  category: string;
  grade: number;
  markets: number[];
  segments: number[];
  /** `maskOf(segments)`: a quick test that a channel serves none of them. */
  segmentMask: number;
}

/**
 * Set members folded into 32 bits (id mod 32): when two masks share no bit the sets share no
 * member; when they do, the sets may still be disjoint (exact only with up to 32 terms).
 */
export const maskOf = (ids: number[]) => ids.reduce((mask, id) => mask | (1 << (id & 31)), 0);

/** Members of a 32-bit mask (exact set sizes when every term's id is below 32, see `Terms.fitMasks`). */
export function bitCount(mask: number): number {
  let x = mask - ((mask >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * A live host channel (active, spare capacity) with membership tables for the inner loop (by
 * market or segment id; the terms' table of its set, shared).
 */
export interface IndexedChannel {
  id: string;
  organisationId: string;
  type: ChannelType;
  spare: number;
  markets: number[];
  inMarket: boolean[];
  inSegment: boolean[];
  marketMask: number;
  segmentMask: number;
  own: { category: string; grade: number }[];
  /** `own` as interned category ids and grades, for the product search's inner loop. */
  ownCategories: number[];
  ownGrades: number[];
  /** Per grade 1–5: how well the channel type suits it (one array per type, shared). */
  typeFits: number[];
}

/** Per channel type, per grade 1–5: `typeFitOf`. */
const TYPE_FITS = new Map(CHANNEL_TYPES.map((type) => [type, GRADES.map((g) => typeFitOf(type, g))]));

export function indexProduct(product: GuestProduct, terms: Terms): IndexedProduct {
  return indexedProduct(
    product.id, product.organisationId, terms.canonicalCategory(product.category), product.grade,
    terms.marketSet(product.markets), terms.segmentSet(product.segments),
  );
}

/** An indexed product from its fields: its category as the terms hold it, its markets and segments as the terms' arrays of them. */
export function indexedProduct(
  id: string, organisationId: string, category: string, grade: number, markets: number[], segments: number[],
): IndexedProduct {
  return { id, organisationId, category, grade, markets, segments, segmentMask: maskOf(segments) };
}

export const isLive = (channel: HostChannel) => channel.active && spareRatio(channel) > 0;

export function indexChannel(channel: HostChannel, terms: Terms): IndexedChannel {
  const markets = terms.marketSet(channel.markets);
  const segments = terms.segmentSet(channel.segments);
  return {
    id: channel.id, organisationId: channel.organisationId, type: channel.type, spare: spareRatio(channel), markets,
    inMarket: terms.marketMembers(markets), inSegment: terms.segmentMembers(segments),
    marketMask: maskOf(markets),
    segmentMask: maskOf(segments),
    own: channel.hostProducts,
    ownCategories: channel.hostProducts.map((o) => terms.category(o.category)),
    ownGrades: channel.hostProducts.map((o) => o.grade),
    typeFits: TYPE_FITS.get(channel.type) ?? GRADES.map((g) => typeFitOf(channel.type, g)),
  };
}

export function countIn(values: number[], member: boolean[]): number {
  let n = 0;
  for (const v of values) if (member[v]) n++;
  return n;
}

/** Share of these (distinct) segments the channel serves; 0.5 when there are none, as in `evaluate`. */
export const segmentFit = (segments: number[], channel: IndexedChannel) =>
  segments.length === 0 ? 0.5 : countIn(segments, channel.inSegment) / segments.length;

/** Sorted distinct integers compared as words: shorter first when one is a prefix of the other. */
export function compareSets(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Products in a market set's order: by segment set, then by id. */
const bySegmentsThenId = (a: IndexedProduct, b: IndexedProduct) => compareSets(a.segments, b.segments) || byId(a, b);

/**
 * Products of one (category, grade) with the same market set. They are held by segment set, then
 * id: the products with one segment set are a run sharing one `segments` array, and for a given
 * channel every product of a run has the same score. (Most runs hold one product, so the runs are
 * not objects of their own.)
 */
export interface MarketSet {
  key: SetKey;
  markets: number[];
  /** `maskOf(markets)`. */
  mask: number;
  products: IndexedProduct[];
  /**
   * The runs of `products`, flat: per run its first product's position, its segment mask and its
   * number of segments, then the end of `products`. The search reads these numbers instead of
   * each product's segments. Null after a change; `runsOf` makes it again on the next read.
   */
  runs: number[] | null;
  /** Where the set is in its (category, grade)'s `list`. */
  slot: number;
}

/** The numbers of `set.runs`, made if the set changed since they were last made. */
export function runsOf(set: MarketSet): number[] {
  if (set.runs) return set.runs;
  const runs: number[] = [];
  const { products } = set;
  for (let i = 0; i < products.length; i++) {
    const { segments } = products[i];
    if (i === 0 || products[i - 1].segments !== segments) runs.push(i, maskOf(segments), segments.length);
  }
  runs.push(products.length);
  return (set.runs = runs.slice()); // at its size: grown by push it keeps room for 17 numbers
}

/** The products of one (category, grade). */
export interface CategoryGrade {
  /** market-set key → the products with that market set. */
  sets: Map<SetKey, MarketSet>;
  /** The same sets in a list, with their market masks alongside: a scan for the sets a channel wholly reaches reads only numbers. */
  list: MarketSet[];
  masks: number[];
  /**
   * market → the market sets that contain it, for products that only partly fit a channel's
   * markets. Few searches need it (at 100k SMEs, 3k of 300k tier reads), so it is made on the
   * first such read (`setsByMarketOf`) and dropped when a set comes or goes.
   */
  setsByMarket: Map<number, MarketSet[]> | null;
}

export function setsByMarketOf(entry: CategoryGrade): Map<number, MarketSet[]> {
  if (entry.setsByMarket) return entry.setsByMarket;
  const byMarket = new Map<number, MarketSet[]>();
  for (const set of entry.list) {
    for (const m of set.markets) {
      const list = byMarket.get(m);
      if (list) list.push(set);
      else byMarket.set(m, [set]);
    }
  }
  return (entry.setsByMarket = byMarket);
}

/** A set of sorted, distinct ids as a map key: a small integer for up to 3 ids below 1023 (most market sets), else a string. */
export type SetKey = number | string;

export function setKey(xs: number[]): SetKey {
  if (xs.length <= 3 && xs[xs.length - 1] < 1023) {
    // Base-1024 digits id + 1, none of them 0: one key per set, below 2^30 (a small integer to V8).
    let key = 0;
    for (let i = 0; i < xs.length; i++) key = key * 1024 + xs[i] + 1;
    return key;
  }
  return xs.join(','); // a flat string (a `+=` loop leaves a chain of cons strings in memory)
}

/**
 * Products by id. A bulk load adds them in id order (the snapshot reads them so): those go to a
 * sorted array, found by binary search, which costs a fraction of a 500,000-entry Map to build;
 * products added or replaced later go to a Map. A removed product of the array is marked gone.
 */
class ProductsById {
  private readonly sorted: IndexedProduct[] = [];
  private readonly later = new Map<string, IndexedProduct>();
  private readonly gone = new WeakSet<IndexedProduct>();

  /** `inOrder`: the caller vouches this id is new and above every id added in order so far. */
  set(p: IndexedProduct, inOrder: boolean): void {
    const last = this.sorted[this.sorted.length - 1];
    if (inOrder && this.later.size === 0 && (!last || last.id < p.id)) this.sorted.push(p);
    else this.later.set(p.id, p);
  }

  get(id: string): IndexedProduct | undefined {
    const later = this.later.get(id);
    if (later) return later;
    let [lo, hi] = [0, this.sorted.length - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.sorted[mid];
      if (p.id === id) return this.gone.has(p) ? undefined : p;
      if (p.id < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  delete(p: IndexedProduct): void {
    if (this.later.get(p.id) === p) this.later.delete(p.id);
    else this.gone.add(p);
  }
}

/**
 * Guest products by (category, grade), then by their exact market set and segment set. For a
 * channel, the products whose every market it reaches are found by looking up the subsets of its
 * markets; the market sets it reaches only partly are found by market. Each run of products with
 * one segment set scores as one.
 */
export class ProductIndex {
  private readonly byCategory = new Map<string, (CategoryGrade | undefined)[]>();
  private readonly indexed = new ProductsById();
  /** The most markets any product has had: bounds the market fit of partly fitting products. */
  private maxMarkets = 1;
  private maxSegments = 1;

  /** `products`: distinct ids. */
  constructor(products: Iterable<GuestProduct>, readonly terms = new Terms()) {
    for (const product of products) this.add(product, true);
  }

  /** Adds (or replaces) a product; `fresh`: the caller knows it is not held yet (a bulk load). */
  add(product: GuestProduct, fresh = false): void {
    this.addIndexed(indexProduct(product, this.terms), fresh);
  }

  /** `add` for a product indexed with these terms (a snapshot builds them straight from its rows). */
  addIndexed(p: IndexedProduct, fresh = false): void {
    if (!fresh) this.remove(p);
    if (p.markets.length === 0) return;
    this.indexed.set(p, fresh);
    this.maxMarkets = Math.max(this.maxMarkets, p.markets.length);
    this.maxSegments = Math.max(this.maxSegments, p.segments.length);
    const entry = this.entry(p.category, p.grade, true)!;
    const marketKey = setKey(p.markets);
    let set = entry.sets.get(marketKey);
    if (!set) {
      set = { key: marketKey, markets: p.markets, mask: maskOf(p.markets), products: [], runs: null, slot: entry.list.length };
      entry.sets.set(marketKey, set);
      entry.list.push(set);
      entry.masks.push(set.mask);
      entry.setsByMarket = null;
    }
    insertProduct(set.products, p);
    set.runs = null;
  }

  /**
   * Gives every market set's product array its exact size. Arrays grown one push at a time keep
   * room for 17 items, and most sets hold one to three products: ~20 MB at 500,000 products.
   * For after a bulk load.
   */
  compact(): void {
    for (const grades of this.byCategory.values()) {
      for (const entry of grades) if (entry) for (const set of entry.list) set.products = set.products.slice();
    }
  }

  /** The indexed product with this id (products that name no market are not held). */
  get(id: string): IndexedProduct | undefined {
    return this.indexed.get(id);
  }

  /** The same product as `evaluate` reads it. */
  product(id: string): GuestProduct | undefined {
    const p = this.indexed.get(id);
    return p && this.terms.product(p);
  }

  /** Takes out the product with this id, as it was indexed. */
  remove(product: { id: string }): void {
    const p = this.indexed.get(product.id);
    if (!p) return;
    this.indexed.delete(p);
    const entry = this.entry(p.category, p.grade, false)!;
    const set = entry.sets.get(setKey(p.markets))!;
    set.products.splice(set.products.indexOf(p), 1);
    set.runs = null;
    if (set.products.length > 0) return;
    entry.sets.delete(set.key);
    // The list's last set takes the removed one's place.
    const last = entry.list.pop()!;
    entry.masks.pop();
    if (last !== set) {
      [entry.list[set.slot], entry.masks[set.slot], last.slot] = [last, last.mask, set.slot];
    }
    entry.setsByMarket = null;
  }

  entry(category: string, grade: number, create: boolean): CategoryGrade | undefined {
    let grades = this.byCategory.get(category);
    if (!grades) {
      if (!create) return undefined;
      this.byCategory.set(category, (grades = []));
    }
    let entry = grades[grade];
    if (!entry && create) grades[grade] = entry = { sets: new Map(), list: [], masks: [], setsByMarket: null };
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

  /** The best segment fit of a product a channel does not wholly serve (0.5 for products that name no segment). */
  get partialSegmentFit(): number {
    return Math.max(0.5, (this.maxSegments - 1) / this.maxSegments);
  }
}

/** Puts `p` where it belongs in a market set's products. */
function insertProduct(products: IndexedProduct[], p: IndexedProduct): void {
  const lo = insertionPoint(products, p, bySegmentsThenId);
  if (lo === products.length) products.push(p);
  else products.splice(lo, 0, p);
}
