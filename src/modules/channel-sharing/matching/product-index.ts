import { GuestProduct } from './scoring';
import { compareIds, insertionPoint } from './sorted-list';
import { IndexedProduct, indexedProduct, indexProduct } from './indexes';
import { maskOf, Terms } from './terms';
import {
  CategoryGrade, compareSets, IntColumn, NO_MARKETS, ProductColumns, SetColumns, setKey, SetsByMarket, SINGLE_RUNS,
} from './product-columns';

/**
 * Guest products by (category, grade), then by their exact market set and segment set. For a
 * channel, the products whose every market it reaches are found by looking up the subsets of its
 * markets; the market sets it reaches only partly are found by market. Each run of products with
 * one segment set scores as one.
 */
export class ProductIndex {
  private readonly byCategory = new Map<string, (CategoryGrade | undefined)[]>();
  /** By row; a removed product's row keeps its id (for the binary search below) and loses its set. */
  private readonly rows: ProductColumns = { ids: [], organisations: [], segments: [] };
  /** Per row its set's number (-1: removed). */
  private readonly setOf = new IntColumn();
  private readonly setColumns: SetColumns = { entries: [], markets: [], first: [], many: [], runs: [] };
  /** Numbers of sets that emptied, for the next new sets. */
  private readonly freeSets: number[] = [];
  /**
   * Rows below `sortedRows` were added by a bulk load in id order (the snapshot reads them so)
   * and are found by binary search, a fraction of the cost of a 500,000-entry Map to build;
   * products added otherwise are found in `later`. Rows are not reused.
   */
  private sortedRows = 0;
  private readonly later = new Map<string, number>();
  /**
   * Per organisation its last row, and per row the organisation's row before it (-1: none): an
   * organisation's products without a list per organisation (100,000 of them at 100k SMEs). The
   * first row's organisation id is the one string all its rows hold.
   */
  private readonly lastRowOf = new Map<string, number>();
  private readonly previousRow = new IntColumn();
  /** The most markets any product has had: bounds the market fit of partly fitting products. */
  private maxMarkets = 1;
  private maxSegments = 1;
  /** A market set's order: by segment set, then by id. */
  private readonly bySegmentsThenId = (a: number, b: number): number => {
    const { ids, segments } = this.rows;
    return compareSets(segments[a], segments[b]) || compareIds(ids[a], ids[b]);
  };

  /** `products`: distinct ids. */
  constructor(products: Iterable<GuestProduct>, readonly terms = new Terms()) {
    for (const product of products) this.add(product, true);
  }

  /** Adds (or replaces) a product; `fresh`: the caller knows it is not held yet (a bulk load). */
  add(product: GuestProduct, fresh = false): void {
    const p = indexProduct(product, this.terms);
    this.addRow(p.id, p.organisationId, p.category, p.grade, p.markets, p.segments, fresh);
  }

  /**
   * `add` for a product indexed with these terms, from its fields (a snapshot reads them straight
   * from its rows): its category as the terms hold it, its markets and segments as their arrays.
   */
  addRow(id: string, organisationId: string, category: string, grade: number, markets: number[], segments: number[], fresh = false): void {
    if (!fresh) this.remove({ id });
    if (markets.length === 0) return;
    this.maxMarkets = Math.max(this.maxMarkets, markets.length);
    this.maxSegments = Math.max(this.maxSegments, segments.length);
    const { ids, organisations } = this.rows;
    const row = ids.length;
    const last = this.lastRowOf.get(organisationId);
    ids.push(id);
    organisations.push(last === undefined ? organisationId : organisations[last]);
    this.previousRow.push(last ?? -1);
    this.lastRowOf.set(organisationId, row);
    this.rows.segments.push(segments);
    if (fresh && this.later.size === 0 && this.sortedRows === row && (row === 0 || ids[row - 1] < id)) this.sortedRows++;
    else this.later.set(id, row);

    const entry = this.entry(category, grade, true)!;
    const marketKey = setKey(markets);
    const sets = this.setColumns;
    let set = entry.sets.get(marketKey);
    if (set === undefined) {
      set = this.newSet(entry, markets, row);
      entry.sets.set(marketKey, set);
      entry.list.push(set);
      entry.masks.push(maskOf(markets));
      entry.setsByMarket = null;
    } else {
      const products = sets.many[set] ?? [sets.first[set]];
      const at = insertionPoint(products, row, this.bySegmentsThenId);
      if (at === products.length) products.push(row);
      else products.splice(at, 0, row);
      sets.many[set] = products;
      sets.first[set] = products[0];
      sets.runs[set] = null;
    }
    this.setOf.push(set);
  }

  /** A new set holding one row, under a free number if there is one. */
  private newSet(entry: CategoryGrade, markets: number[], row: number): number {
    const { entries, markets: marketsOf, first, many, runs } = this.setColumns;
    const set = this.freeSets.pop() ?? entries.length;
    [entries[set], marketsOf[set], first[set], many[set], runs[set]] = [entry, markets, row, undefined, null];
    return set;
  }

  /**
   * Gives the arrays grown one push at a time their exact size: they keep room for 17 items or
   * more, and most sets of several products hold two or three. After a bulk load.
   */
  compact(): void {
    const { many } = this.setColumns;
    for (let set = 0; set < many.length; set++) if (many[set]) many[set] = many[set]!.slice();
  }

  /** The columns of the rows, which the channel search reads (they grow in place). */
  get columns(): ProductColumns {
    return this.rows;
  }

  /** The columns of the market sets, by set number (they grow in place). */
  get sets(): SetColumns {
    return this.setColumns;
  }

  /** The numbers of `sets.runs[set]`, made if the set changed since they were last made. */
  runsOf(set: number): number[] {
    const { runs: runsOfSets, many, first } = this.setColumns;
    const made = runsOfSets[set];
    if (made) return made;
    const { segments } = this.rows;
    const products = many[set];
    if (!products) {
      const only = segments[first[set]];
      let runs = SINGLE_RUNS.get(only);
      if (!runs) SINGLE_RUNS.set(only, (runs = [0, maskOf(only), only.length, 1]));
      return (runsOfSets[set] = runs);
    }
    const runs: number[] = [];
    for (let i = 0; i < products.length; i++) {
      const mine = segments[products[i]];
      if (i === 0 || segments[products[i - 1]] !== mine) runs.push(i, maskOf(mine), mine.length);
    }
    runs.push(products.length);
    return (runsOfSets[set] = runs.slice()); // at its size: grown by push it keeps room for 17 numbers
  }

  /** The sets of a (category, grade) by market, made on the first read after a set came or went. */
  setsByMarket(entry: CategoryGrade): SetsByMarket {
    if (entry.setsByMarket) return entry.setsByMarket;
    const { markets } = this.setColumns;
    let end = 0;
    for (const set of entry.list) end = Math.max(end, markets[set][markets[set].length - 1] + 1);
    // Counted per market, summed into starts, then filled.
    const start = new Int32Array(end + 1);
    for (const set of entry.list) for (const m of markets[set]) start[m + 1]++;
    for (let m = 0; m < end; m++) start[m + 1] += start[m];
    const sets = new Int32Array(start[end]);
    const next = start.slice(0, end);
    for (const set of entry.list) for (const m of markets[set]) sets[next[m]++] = set;
    return (entry.setsByMarket = { start, sets });
  }

  /** The indexed product with this id (products that name no market are not held). */
  get(id: string): IndexedProduct | undefined {
    const row = this.rowOf(id);
    if (row === undefined) return undefined;
    const set = this.setOf.data[row];
    const { category, grade } = this.setColumns.entries[set]!;
    return indexedProduct(id, this.rows.organisations[row], category, grade, this.setColumns.markets[set], this.rows.segments[row]);
  }

  /** The same product as `evaluate` reads it. */
  product(id: string): GuestProduct | undefined {
    const p = this.get(id);
    return p && this.terms.product(p);
  }

  /** Takes out the product with this id, as it was indexed. */
  remove(product: { id: string }): void {
    const row = this.rowOf(product.id);
    if (row === undefined) return;
    const set = this.setOf.data[row];
    this.setOf.data[row] = -1;
    this.later.delete(product.id);
    const sets = this.setColumns;
    sets.runs[set] = null;
    const products = sets.many[set];
    if (products) {
      products.splice(products.indexOf(row), 1);
      sets.first[set] = products[0];
      if (products.length === 1) sets.many[set] = undefined;
      return;
    }
    // Its last product: the set goes, and the list's last set takes its place.
    const entry = sets.entries[set]!;
    entry.sets.delete(setKey(sets.markets[set]));
    const slot = entry.list.indexOf(set);
    const last = entry.list.pop()!;
    const lastMask = entry.masks.pop()!;
    if (last !== set) [entry.list[slot], entry.masks[slot]] = [last, lastMask];
    entry.setsByMarket = null;
    [sets.entries[set], sets.markets[set]] = [undefined, NO_MARKETS];
    this.freeSets.push(set);
  }

  /** The rows of an organisation's held products, in the order they were added. */
  rowsOf(organisationId: string): number[] {
    const rows: number[] = [];
    for (let row = this.lastRowOf.get(organisationId) ?? -1; row >= 0; row = this.previousRow.data[row]) if (this.setOf.data[row] >= 0) rows.push(row);
    return rows.reverse();
  }

  /** The ids of an organisation's held products, in the order they were added. */
  productIdsOf(organisationId: string): string[] {
    return this.rowsOf(organisationId).map((row) => this.rows.ids[row]);
  }

  /** The one string the index holds for this organisation's id, if it holds a product of it. */
  organisationId(organisationId: string): string | undefined {
    const last = this.lastRowOf.get(organisationId);
    return last === undefined ? undefined : this.rows.organisations[last];
  }

  /** (category, grade) of each held product of an organisation, in the order they were added (repeats included). */
  soldBy(organisationId: string): { category: string; grade: number }[] {
    return this.rowsOf(organisationId).map((row) => this.setColumns.entries[this.setOf.data[row]]!);
  }

  /** Takes out every product of an organisation (a refresh re-reads it). */
  removeOrganisation(organisationId: string): void {
    for (const id of this.productIdsOf(organisationId)) this.remove({ id });
    this.lastRowOf.delete(organisationId);
  }

  /** The row of the held product with this id. */
  private rowOf(id: string): number | undefined {
    const later = this.later.get(id);
    if (later !== undefined) return later;
    const { ids } = this.rows;
    let [lo, hi] = [0, this.sortedRows - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid] === id) return this.setOf.data[mid] >= 0 ? mid : undefined;
      if (ids[mid] < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  entry(category: string, grade: number, create: boolean): CategoryGrade | undefined {
    let grades = this.byCategory.get(category);
    if (!grades) {
      if (!create) return undefined;
      this.byCategory.set(category, (grades = []));
    }
    let entry = grades[grade];
    if (!entry && create) grades[grade] = entry = { category, grade, sets: new Map(), list: [], masks: [], setsByMarket: null };
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
