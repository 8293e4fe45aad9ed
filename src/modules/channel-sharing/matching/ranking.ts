import { better } from './scoring';

/** Ranking containers of the searches: the k best so far, and tiers best first. */

// Scores are sums of values rounded to 1e-6; a bound may exceed the true score by rounding only.
const EPSILON = 1e-5;

/** A ranked position: candidates must rank above it, i.e. a higher score, or the same score and a smaller id. */
export interface Floor {
  score: number;
  id: string;
}

/** Keeps the k best by (score desc, id asc) in a small sorted array, optionally only those above a floor. */
export class TopK {
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

/** A binary max-heap by `bound`: tiers are read best first while they are still being made. */
export class MaxHeap<T extends { bound: number }> {
  private readonly items: T[] = [];

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    let i = a.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent].bound >= a[i].bound) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ; ) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let best = i;
        if (l < a.length && a[l].bound > a[best].bound) best = l;
        if (r < a.length && a[r].bound > a[best].bound) best = r;
        if (best === i) break;
        [a[best], a[i]] = [a[i], a[best]];
        i = best;
      }
    }
    return top;
  }
}
