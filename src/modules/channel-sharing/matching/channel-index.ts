import { ComplementarityTable } from './complementarity-table';
import { GRADES, indexChannel, IndexedChannel, isLive } from './indexes';
import { HostChannel, scoreOf } from './scoring';
import { byId, insertionPoint } from './sorted-list';
import { Terms } from './terms';

/**
 * What the product search reads of each live channel, by row number: per grade slot what the
 * channel adds to any score (`potentials[grade slot][row]`: a search reads one grade's, kept
 * small enough to stay in cache), its market and segment masks, and the last search that scored
 * it. Typed arrays, so a search walking a list of rows reads numbers instead of channel objects.
 */
export interface ChannelColumns {
  readonly potentials: Float64Array[];
  readonly marketMasks: Int32Array;
  readonly segmentMasks: Int32Array;
  readonly searched: Int32Array;
}

/**
 * Live host channels by (category the host sells, market the channel reaches): per grade, a list
 * of rows ordered by what the channel itself adds to any score (spare capacity, type fit for the
 * grade), best first, then by id, so a search can stop inside a list.
 */
export class ChannelIndex {
  /**
   * category → market → per grade the list of rows. Typed arrays: a bulk load's ~4M entries at
   * 100k SMEs in 16 MB instead of ~40 MB of arrays grown by push. A change copies the lists it
   * touches (short: a few dozen rows on average).
   */
  private readonly byKey = new Map<string, Map<number, Int32Array[]>>();
  private readonly rowsById = new Map<string, number>();
  /** The indexed channel of each row (undefined: a free row, in `freeRows`). */
  private readonly channels: (IndexedChannel | undefined)[] = [];
  private readonly freeRows: number[] = [];
  private data: ChannelColumns = grow(undefined, 1024);
  private searches = 0;
  private readonly rows = new Map<string, Float64Array>();
  private rowsOf?: ComplementarityTable;

  constructor(channels: Iterable<HostChannel>, readonly terms = new Terms()) {
    this.addAll(channels);
  }

  add(channel: HostChannel): void {
    this.addAll([channel]);
  }

  /** Adds (or replaces) channels; into an empty index, per grade they are pushed in list order, so a bulk load compares nothing twice. */
  addAll(channels: Iterable<HostChannel>): void {
    const bulk = this.rowsById.size === 0;
    const fresh: { row: number; channel: IndexedChannel }[] = [];
    for (const channel of channels) {
      this.remove(channel);
      if (!isLive(channel)) continue;
      const indexed = indexChannel(channel, this.terms);
      const row = this.takeRow(indexed);
      this.rowsById.set(channel.id, row);
      fresh.push({ row, channel: indexed });
    }
    // By id once; per grade below, by potential with ties kept in this order: the lists' order without comparing ids again.
    fresh.sort((a, b) => byId(a.channel, b.channel));
    // Each channel's lists (one per category it sells and market it reaches), found once: the
    // lists as slots, and per channel its slots, flat (`memberships` from `firstOf[i]`).
    const slots: Int32Array[][] = [];
    const slotOf = new Map<Int32Array[], number>();
    const memberships: number[] = [];
    const firstOf = new Int32Array(fresh.length + 1);
    fresh.forEach(({ channel }, i) => {
      firstOf[i] = memberships.length;
      for (const category of categoriesOf(channel)) {
        let markets = this.byKey.get(category);
        if (!markets) this.byKey.set(category, (markets = new Map()));
        for (const m of channel.markets) {
          let perGrade = markets.get(m);
          if (!perGrade) markets.set(m, (perGrade = GRADES.map(() => EMPTY)));
          let slot = slotOf.get(perGrade);
          if (slot === undefined) slotOf.set(perGrade, (slot = slots.push(perGrade) - 1));
          memberships.push(slot);
        }
      }
    });
    firstOf[fresh.length] = memberships.length;
    if (bulk) this.fill(fresh, slots, memberships, firstOf);
    else {
      // A change copies each list it adds to (a refresh adds a channel or two).
      GRADES.forEach((_, g) => {
        const order = this.order(g);
        for (const i of byPotential(fresh, this.data.potentials[g])) {
          for (let j = firstOf[i]; j < firstOf[i + 1]; j++) {
            const perGrade = slots[memberships[j]];
            perGrade[g] = inserted(perGrade[g], fresh[i].row, order);
          }
        }
      });
    }
  }

  /**
   * A bulk load's lists, made once as views of one buffer: each list's length is counted first
   * (a channel is in all five grades of a list), then rows are written in list order. A typed
   * array with a buffer of its own costs ~150 bytes more (and an allocation outside the heap),
   * there are ~50,000 lists at 100k SMEs, and lists first gathered in plain arrays were ~60 MB
   * of short-lived garbage at the end of the load.
   */
  private fill(fresh: { row: number }[], slots: Int32Array[][], memberships: number[], firstOf: Int32Array): void {
    const count = new Int32Array(slots.length);
    for (const slot of memberships) count[slot]++;
    const start = new Int32Array(slots.length);
    let total = 0;
    for (let s = 0; s < slots.length; s++) [start[s], total] = [total, total + GRADES.length * count[s]];
    const buffer = new Int32Array(total);
    const filled = new Int32Array(slots.length);
    GRADES.forEach((_, g) => {
      filled.fill(0);
      for (const i of byPotential(fresh, this.data.potentials[g])) {
        for (let j = firstOf[i]; j < firstOf[i + 1]; j++) {
          const s = memberships[j];
          buffer[start[s] + g * count[s] + filled[s]++] = fresh[i].row;
        }
      }
    });
    slots.forEach((perGrade, s) => GRADES.forEach((_, g) => (perGrade[g] = buffer.subarray(start[s] + g * count[s], start[s] + (g + 1) * count[s]))));
  }

  /** The indexed channel with this id (live channels only). */
  get(id: string): IndexedChannel | undefined {
    const row = this.rowsById.get(id);
    return row === undefined ? undefined : this.channels[row];
  }

  /** The indexed channel of a row that a list holds. */
  channel(row: number): IndexedChannel {
    return this.channels[row]!;
  }

  /** Takes out the channel with this id, as it was indexed. */
  remove(channel: { id: string }): void {
    const row = this.rowsById.get(channel.id);
    if (row === undefined) return;
    this.rowsById.delete(channel.id);
    const indexed = this.channels[row]!;
    for (const category of categoriesOf(indexed)) {
      const markets = this.byKey.get(category)!;
      for (const m of indexed.markets) {
        const lists = markets.get(m)!;
        lists.forEach((list, g) => (lists[g] = without(list, row)));
        if (lists[0].length === 0) markets.delete(m);
      }
      if (markets.size === 0) this.byKey.delete(category);
    }
    this.channels[row] = undefined;
    this.freeRows.push(row);
  }

  /** A new mark for `ChannelColumns.searched`: a product search scores each channel once. */
  nextSearch(): number {
    if (this.searches === 0x7fffffff) {
      this.data.searched.fill(0); // no mark may stay equal to a later search's
      this.searches = 0;
    }
    return ++this.searches;
  }

  /** The columns as they are now (a later `add` may replace them with larger ones). */
  get columns(): ChannelColumns {
    return this.data;
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

  /** The rows of live channels whose host sells `category` and that reach `market`, in the order for `grade`. */
  list(category: string, market: number, grade: number): Int32Array | undefined {
    return this.byKey.get(category)?.get(market)?.[Math.min(5, Math.max(1, grade)) - 1];
  }

  /** Rows of one grade's lists: best potential first, then by id. */
  private order(g: number): (a: number, b: number) => number {
    const { potentials } = this.data;
    return (a, b) => potentials[g][b] - potentials[g][a] || byId(this.channels[a]!, this.channels[b]!);
  }

  private takeRow(channel: IndexedChannel): number {
    const row = this.freeRows.pop() ?? this.channels.length;
    this.channels[row] = channel;
    if (row >= this.data.marketMasks.length) this.data = grow(this.data, 2 * this.data.marketMasks.length);
    const { potentials, marketMasks, segmentMasks, searched } = this.data;
    for (let g = 0; g < 5; g++) potentials[g][row] = scoreOf(0, 0, 0, channel.spare, channel.typeFits[g]);
    marketMasks[row] = channel.marketMask;
    segmentMasks[row] = channel.segmentMask;
    searched[row] = 0;
    return row;
  }
}

/** Columns for `rows` rows, holding what `from` held. */
function grow(from: ChannelColumns | undefined, rows: number): ChannelColumns {
  const columns = {
    potentials: GRADES.map(() => new Float64Array(rows)),
    marketMasks: new Int32Array(rows),
    segmentMasks: new Int32Array(rows),
    searched: new Int32Array(rows),
  };
  if (from) {
    columns.potentials.forEach((column, g) => column.set(from.potentials[g]));
    for (const key of ['marketMasks', 'segmentMasks', 'searched'] as const) columns[key].set(from[key]);
  }
  return columns;
}

const EMPTY = new Int32Array(0);

/** The categories a channel's host sells, each once: the lists it is in are under these (and its markets). */
const categoriesOf = (channel: IndexedChannel) => [...new Set(channel.own.map((p) => p.category))];

/** Potentials are on a grid of 1e-6 (`scoreOf` rounds), so `potential × GRID` is a whole number. */
const GRID = 1e6;
const POSITIONS = 2 ** 20;

/**
 * Positions of `items` (in id order), best potential first, ties in id order: the grades' list
 * order. A native sort of numbers that pack both (grid step from the top, then position) instead
 * of a comparator called ~5M times per bulk load of 60,000 channels (~0.4 s of a 100k load).
 */
function byPotential(items: { row: number }[], potential: Float64Array): Int32Array {
  if (items.length >= POSITIONS) {
    return Int32Array.from(items.keys()).sort((a, b) => potential[items[b].row] - potential[items[a].row] || a - b);
  }
  const keys = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) keys[i] = (GRID - Math.round(potential[items[i].row] * GRID)) * POSITIONS + i;
  keys.sort();
  return Int32Array.from(keys, (key) => key % POSITIONS);
}

/** A copy of `list` with `row` where `order` puts it. */
function inserted(list: Int32Array, row: number, order: (a: number, b: number) => number): Int32Array {
  const at = insertionPoint(list, row, order);
  const out = new Int32Array(list.length + 1);
  out.set(list.subarray(0, at));
  out[at] = row;
  out.set(list.subarray(at), at + 1);
  return out;
}

/** A copy of `list` without `row` (which it holds once). */
function without(list: Int32Array, row: number): Int32Array {
  const at = list.indexOf(row);
  const out = new Int32Array(list.length - 1);
  out.set(list.subarray(0, at));
  out.set(list.subarray(at + 1), at);
  return out;
}
