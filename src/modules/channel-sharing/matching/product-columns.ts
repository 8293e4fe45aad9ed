// The column types and keys ProductIndex stores its products in (product-index.ts): sorted id
// sets and their keys, runs of products sharing a segment set, and integer columns.

/** Sorted distinct integers compared as words: shorter first when one is a prefix of the other. */
export function compareSets(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * The products of a product index by row number, in columns: what the channel search reads of
 * each product it offers. A product's category, grade and markets are its market set's.
 */
export interface ProductColumns {
  readonly ids: string[];
  readonly organisations: string[];
  /** The terms' shared array of the product's segments. */
  readonly segments: number[][];
}

/**
 * The market sets of a product index by set number, in columns: rows of one (category, grade)
 * with the same market set. A set's rows are held by segment set, then id: the products with
 * one segment set are a run sharing one `segments` array, and for a given channel every product
 * of a run has the same score. Numbers and columns instead of an object per set: at 100k SMEs
 * there are ~236,000 sets, most of them holding one product, and objects with their own product
 * arrays took ~210 bytes each.
 */
export interface SetColumns {
  /** The (category, grade) the set is of (undefined: a free number); its key there is `setKey(markets)`. */
  readonly entries: (CategoryGrade | undefined)[];
  readonly markets: number[][];
  /** The set's first row: its only one, for most sets. */
  readonly first: number[];
  /** The rows of a set holding more than one product, in order (undefined: just `first`). */
  readonly many: (number[] | undefined)[];
  /**
   * The runs of the set's rows, flat: per run its first row's position, its segment mask and its
   * number of segments, then the number of rows. The search reads these numbers instead of each
   * product's segments. Null after a change; `ProductIndex.runsOf` makes them again on the next read.
   */
  readonly runs: (number[] | null)[];
}

/** Runs of sets holding one product (most sets), by its segment set: they are the same numbers. */
export const SINGLE_RUNS = new WeakMap<number[], number[]>();

/**
 * The market sets of one (category, grade) that contain each market: `sets[start[m]]` up to
 * `sets[start[m + 1]]` (markets past the end of `start`: none).
 */
export interface SetsByMarket {
  start: Int32Array;
  sets: Int32Array;
}

/** The products of one (category, grade). */
export interface CategoryGrade {
  category: string;
  grade: number;
  /** market-set key → the number of the set of products with that market set. */
  sets: Map<SetKey, number>;
  /** The same sets in a list, with their market masks alongside: a scan for the sets a channel wholly reaches reads only numbers. */
  list: number[];
  masks: number[];
  /**
   * For products that only partly fit a channel's markets. Few searches need it (at 100k SMEs,
   * 3k of 300k tier reads), so it is made on the first such read (`ProductIndex.setsByMarket`)
   * and dropped when a set comes or goes.
   */
  setsByMarket: SetsByMarket | null;
}

export const NO_MARKETS: number[] = [];

/**
 * Integers by row in an Int32Array grown by doubling: 4 bytes a row where a JS array of small
 * integers takes 8 and more (columns of 500,000 rows at 100k SMEs).
 */
export class IntColumn {
  data = new Int32Array(1024);
  private length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const data = new Int32Array(this.length * 2);
      data.set(this.data);
      this.data = data;
    }
    this.data[this.length++] = value;
  }
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
