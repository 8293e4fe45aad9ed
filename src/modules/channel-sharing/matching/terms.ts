import type { IndexedProduct } from './indexes';
import type { GuestProduct } from './scoring';

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
