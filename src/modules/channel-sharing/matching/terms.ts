import type { GuestProduct } from './scoring';

/**
 * A guest product with its markets and segments as sorted, distinct integers: the arrays the
 * terms hold for those sets (`Terms.marketSet`), one per distinct set, so that products with the
 * same segments share one array (a run, see `SetColumns`).
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

/** Sorted, without repeats (in place: the arrays are fresh). */
function sortedUnique(xs: number[]): number[] {
  xs.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (i === 0 || xs[i] !== xs[n - 1]) xs[n++] = xs[i];
  xs.length = n;
  return xs;
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

const SCRATCH: number[] = [];
/** How many joined strings a vocabulary remembers (bounds its memory when rows name many different sets). */
const JOINED_KEPT = 100_000;

/**
 * One kind of term as small integers, and back; and sets of them held once each. Products and
 * channels name few distinct sets (at 100k SMEs: 78 segment sets over 500,000 products, 4,509
 * market sets over 236,000 (category, grade, market set) groups), and an array costs ~60 bytes
 * however short, so each set's array is shared by all who name it. Shared: never change one.
 */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  private readonly sets = new Map<number | string, number[]>();
  /** Sets as rows name them (`idsIn`), up to JOINED_KEPT ways of writing them, until `forgetRows`. */
  private readonly byJoined = new Map<string, number[]>();
  /** Per held set: a table saying which ids are in it, and its terms' names. */
  private readonly tables = new WeakMap<number[], boolean[]>();
  private readonly namesOf = new WeakMap<number[], string[]>();

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      this.ids.set(term, (id = this.names.length));
      this.names.push(term);
    }
    return id;
  }

  idsIn(joined: string, separator: string): number[] {
    // Rows repeat a few sets, mostly written the same way: one lookup of the whole string then
    // finds the set (at 100k SMEs ~0.5 s less of a snapshot's load than splitting every row).
    const known = this.byJoined.get(joined);
    if (known) return known;
    // Gathered in one reused array: the set returned is the shared one.
    const ids = SCRATCH;
    ids.length = 0;
    for (let from = 0; joined !== ''; ) {
      const to = joined.indexOf(separator, from);
      ids.push(this.id(to < 0 ? joined.slice(from) : joined.slice(from, to)));
      if (to < 0) break;
      from = to + separator.length;
    }
    const set = this.set(ids);
    if (this.byJoined.size < JOINED_KEPT) this.byJoined.set(joined, set);
    return set;
  }

  forgetRows(): void {
    this.byJoined.clear();
  }

  /** The shared array of these ids (any order, repeats allowed; `ids` itself is reordered, not kept). */
  set(ids: number[]): number[] {
    sortedUnique(ids);
    // Below id 30 a set is one bit each: its mask is a key no other set has, and a small integer.
    const key = ids.length === 0 ? 0 : ids[ids.length - 1] < 30 ? maskOf(ids) : ids.join(',');
    let held = this.sets.get(key);
    if (!held) this.sets.set(key, (held = ids.slice())); // at its size: grown by push it keeps room for 17
    return held;
  }

  /** `members[id]` is true for the ids of a held set (`set`), and only for them. */
  members(set: number[]): boolean[] {
    let members = this.tables.get(set);
    if (!members) {
      members = [];
      for (const id of set) members[id] = true;
      this.tables.set(set, members);
    }
    return members;
  }

  /** The terms of a held set, in its order. */
  namesIn(set: number[]): string[] {
    let names = this.namesOf.get(set);
    if (!names) this.namesOf.set(set, (names = set.map((id) => this.names[id])));
    return names;
  }
}

/**
 * Markets, segments and categories as small integers, shared by a snapshot's two indexes. Held
 * products keep the one string per term (not one per row read).
 */
export class Terms {
  private readonly markets = new Vocabulary();
  private readonly segments = new Vocabulary();
  private readonly categories = new Vocabulary();
  private readonly soldPairs = new Map<string, { category: string; grade: number }[]>();

  market(term: string): number {
    return this.markets.id(term);
  }

  segment(term: string): number {
    return this.segments.id(term);
  }

  /** The shared, sorted array of these market names' ids. */
  marketSet(terms: string[]): number[] {
    return this.markets.set(terms.map((m) => this.markets.id(m)));
  }

  segmentSet(terms: string[]): number[] {
    return this.segments.set(terms.map((s) => this.segments.id(s)));
  }

  /** Membership tables of held sets (`marketSet`, `segmentSet`): one per set, shared. */
  marketMembers(set: number[]): boolean[] {
    return this.markets.members(set);
  }

  segmentMembers(set: number[]): boolean[] {
    return this.segments.members(set);
  }

  /** The names of a held set: one array per set, shared. */
  marketNames(set: number[]): string[] {
    return this.markets.namesIn(set);
  }

  segmentNames(set: number[]): string[] {
    return this.segments.namesIn(set);
  }

  /** The market ids of the names in `joined` (separated by `separator`), sorted and distinct: a row read without splitting it first. */
  marketIds(joined: string, separator: string): number[] {
    return this.markets.idsIn(joined, separator);
  }

  segmentIds(joined: string, separator: string): number[] {
    return this.segments.idsIn(joined, separator);
  }

  /**
   * Drops the joined strings `marketIds` and `segmentIds` remember: they speed up reading many
   * rows, and held afterwards they are one string per distinct way of writing a set (a few MB at
   * 100k SMEs). The sets themselves stay.
   */
  forgetRows(): void {
    this.markets.forgetRows();
    this.segments.forgetRows();
  }

  category(term: string): number {
    return this.categories.id(term);
  }

  /**
   * Whether every market and segment id is below 32, so that masks (`maskOf`) are exact: a bit
   * test then says membership and a bit count says set size. Otherwise a mask only rules out.
   */
  get fitMasks(): { markets: boolean; segments: boolean } {
    return { markets: this.markets.names.length <= 32, segments: this.segments.names.length <= 32 };
  }

  get categoryCount(): number {
    return this.categories.names.length;
  }

  /** The product as `evaluate` reads it, from its indexed form. */
  product(p: IndexedProduct): GuestProduct {
    return {
      id: p.id, organisationId: p.organisationId, category: p.category, grade: p.grade,
      markets: p.markets.map((m) => this.markets.names[m]), segments: p.segments.map((s) => this.segments.names[s]),
    };
  }

  /**
   * One object per (category, grade) sold, shared by every organisation's list of what it sells
   * (at 100k SMEs, 445,000 entries over 1,800 pairs). Shared: never change one.
   */
  sold(category: string, grade: number): { category: string; grade: number } {
    // By category, then grade: no key string built per snapshot row.
    let byGrade = this.soldPairs.get(category);
    if (!byGrade) this.soldPairs.set(category, (byGrade = []));
    return (byGrade[grade] ??= { category: this.canonicalCategory(category), grade });
  }

  canonicalCategory(term: string): string {
    return this.categories.names[this.category(term)];
  }
}
