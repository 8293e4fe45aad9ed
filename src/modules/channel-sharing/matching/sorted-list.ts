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
    const items = this.items;
    if (inOrder || items.length === 0 || this.order(items[items.length - 1], item) <= 0) {
      items.push(item);
      return;
    }
    let [lo, hi] = [0, items.length - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.order(items[mid], item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, item);
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
