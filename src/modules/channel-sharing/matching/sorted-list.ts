/** Ordered lists the matching indexes keep. */

/** A list kept in order: items are inserted where they belong (a bulk load that adds in order just appends). */
export class SortedList<T> {
  private readonly items: T[];
  constructor(private readonly order: (a: T, b: T) => number, first?: T) {
    // Most product groups hold one product: an array of exactly one.
    this.items = first === undefined ? [] : [first];
  }

  /** Adds an item where it belongs. `inOrder`: the caller vouches that it belongs at the end. */
  push(item: T, inOrder = false): void {
    const at = inOrder ? this.items.length : insertionPoint(this.items, item, this.order);
    if (at === this.items.length) this.items.push(item);
    else this.items.splice(at, 0, item);
  }

  remove(item: T): void {
    const i = this.items.indexOf(item);
    if (i >= 0) this.items.splice(i, 1);
  }

  get size(): number {
    return this.items.length;
  }

  get sorted(): readonly T[] {
    return this.items;
  }
}

export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Where `item` goes in `items` (ordered by `order`): after every item that does not order after
 * it. The end is tested first, as bulk loads mostly append.
 */
export function insertionPoint<T>(items: readonly T[], item: T, order: (a: T, b: T) => number): number {
  let [lo, hi] = [0, items.length];
  if (hi === 0 || order(items[hi - 1], item) <= 0) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(items[mid], item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
