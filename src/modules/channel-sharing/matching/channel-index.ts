import { ComplementarityTable } from './complementarity-table';
import { GRADES, indexChannel, IndexedChannel, isLive } from './indexes';
import { HostChannel } from './scoring';
import { byId, SortedList } from './sorted-list';
import { Terms } from './terms';

/** Per grade slot (0–4): best potential first, then by id. */
const CHANNEL_ORDER = GRADES.map((_, g) => (a: IndexedChannel, b: IndexedChannel) => b.potential[g] - a.potential[g] || byId(a, b));

/**
 * Live host channels by (category the host sells, market the channel reaches), each list ordered
 * by what the channel itself adds to any score (spare capacity, type fit for the grade), best
 * first, so a search can stop inside a list.
 */
export class ChannelIndex {
  private readonly byKey = new Map<string, Map<number, SortedList<IndexedChannel>[]>>();
  private readonly indexed = new Map<string, { channel: IndexedChannel; categories: string[] }>();
  private searches = 0;
  private readonly rows = new Map<string, Float64Array>();
  private rowsOf?: ComplementarityTable;

  constructor(channels: Iterable<HostChannel>, readonly terms = new Terms()) {
    this.addAll(channels);
  }

  add(channel: HostChannel): void {
    this.addAll([channel]);
  }

  /** Adds (or replaces) channels; per grade they are pushed in list order, so a bulk load needs no sorting. */
  addAll(channels: Iterable<HostChannel>): void {
    const fresh: { channel: IndexedChannel; categories: string[] }[] = [];
    // Into an empty index, channels are pushed in each list's order (sorted below).
    const bulk = this.indexed.size === 0;
    for (const channel of channels) {
      this.remove(channel);
      if (!isLive(channel)) continue;
      const entry = { channel: indexChannel(channel, this.terms), categories: [...new Set(channel.hostProducts.map((p) => p.category))] };
      this.indexed.set(channel.id, entry);
      fresh.push(entry);
    }
    // By id once, then (stable) by potential per grade below: the lists' order without comparing ids again.
    fresh.sort((a, b) => byId(a.channel, b.channel));
    // Each channel's lists (one per category it sells and market it reaches), found once.
    const lists = fresh.map(({ channel, categories }) => {
      const mine: SortedList<IndexedChannel>[][] = [];
      for (const category of categories) {
        let markets = this.byKey.get(category);
        if (!markets) this.byKey.set(category, (markets = new Map()));
        for (const m of channel.markets) {
          let perGrade = markets.get(m);
          if (!perGrade) markets.set(m, (perGrade = CHANNEL_ORDER.map((order) => new SortedList<IndexedChannel>(order))));
          mine.push(perGrade);
        }
      }
      return { channel, mine };
    });
    GRADES.forEach((_, g) => {
      lists.sort((a, b) => b.channel.potential[g] - a.channel.potential[g]);
      for (const { channel, mine } of lists) for (const perGrade of mine) perGrade[g].push(channel, bulk);
    });
  }

  /** The indexed channel with this id (live channels only). */
  get(id: string): IndexedChannel | undefined {
    return this.indexed.get(id)?.channel;
  }

  /** Takes out the channel with this id, as it was indexed. */
  remove(channel: { id: string }): void {
    const entry = this.indexed.get(channel.id);
    if (!entry) return;
    this.indexed.delete(channel.id);
    for (const category of entry.categories) {
      const markets = this.byKey.get(category)!;
      for (const m of entry.channel.markets) {
        const lists = markets.get(m)!;
        for (const list of lists) list.remove(entry.channel);
        if (lists[0].size === 0) markets.delete(m);
      }
      if (markets.size === 0) this.byKey.delete(category);
    }
  }

  /** A new mark for `IndexedChannel.searched`: a product search scores each channel once. */
  nextSearch(): number {
    return ++this.searches;
  }

  /**
   * The weights of the categories that complement `category` (by interned category id; 0 for
   * none), so the product search scores a channel's own categories with array reads. Cached per
   * category for one table.
   */
  complementRow(category: string, table: ComplementarityTable): Float64Array {
    if (this.rowsOf !== table) {
      this.rows.clear();
      this.rowsOf = table;
    }
    let row = this.rows.get(category);
    if (!row) {
      for (const partner of table.strongest(category)) this.terms.category(partner.category);
      row = new Float64Array(this.terms.categoryCount);
      for (const partner of table.strongest(category)) row[this.terms.category(partner.category)] = partner.weight;
      this.rows.set(category, row);
    }
    return row;
  }

  list(category: string, market: number, grade: number): readonly IndexedChannel[] | undefined {
    return this.byKey.get(category)?.get(market)?.[Math.min(5, Math.max(1, grade)) - 1].sorted;
  }
}
