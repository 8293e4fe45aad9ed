import type { IndexedProduct } from './indexes';
import type { GuestProduct } from './scoring';

/** Sorted, without repeats (in place: the arrays are fresh). */
export function sortedUnique(xs: number[]): number[] {
  xs.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (i === 0 || xs[i] !== xs[n - 1]) xs[n++] = xs[i];
  xs.length = n;
  return xs;
}

const SCRATCH: number[] = [];

/** One kind of term as small integers, and back. */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      this.ids.set(term, (id = this.names.length));
      this.names.push(term);
    }
    return id;
  }

  idsIn(joined: string, separator: string): number[] {
    // Gathered in one reused array and copied out at their size: an array grown by push keeps
    // room for 17 numbers, ~80 MB over 500,000 products' short lists (measured, live heap).
    const ids = SCRATCH;
    ids.length = 0;
    for (let from = 0; joined !== ''; ) {
      const to = joined.indexOf(separator, from);
      ids.push(this.id(to < 0 ? joined.slice(from) : joined.slice(from, to)));
      if (to < 0) break;
      from = to + separator.length;
    }
    return sortedUnique(ids).slice();
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

  market(term: string): number {
    return this.markets.id(term);
  }

  segment(term: string): number {
    return this.segments.id(term);
  }

  /** The market ids of the names in `joined` (separated by `separator`), sorted and distinct: a row read without splitting it first. */
  marketIds(joined: string, separator: string): number[] {
    return this.markets.idsIn(joined, separator);
  }

  segmentIds(joined: string, separator: string): number[] {
    return this.segments.idsIn(joined, separator);
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

  canonicalCategory(term: string): string {
    return this.categories.names[this.category(term)];
  }
}
