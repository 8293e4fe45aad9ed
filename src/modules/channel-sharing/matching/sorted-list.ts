/** How the matching indexes keep their lists in order. */

export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const byId = (a: { id: string }, b: { id: string }) => compareIds(a.id, b.id);

/**
 * Where `item` goes in `items` (ordered by `order`): after every item that does not order after
 * it. The end is tested first, as bulk loads mostly append.
 */
export function insertionPoint<T>(items: ArrayLike<T>, item: T, order: (a: T, b: T) => number): number {
  let [lo, hi] = [0, items.length];
  if (hi === 0 || order(items[hi - 1], item) <= 0) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(items[mid], item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
