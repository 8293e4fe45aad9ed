import { ComplementarityTable } from './complementarity-table';
import {
  better,
  CHANNEL_TYPE_FIT,
  evaluate,
  FactorExplanation,
  gradeComplement,
  GuestProduct,
  HostChannel,
  spareRatio,
  upperBound,
  WEIGHTS,
} from './scoring';

export interface ScoredPair {
  channelId: string;
  productId: string;
  score: number;
  factors: FactorExplanation[];
}

/** Pairs that must not be proposed again (agreed, or declined recently). */
export type PairFilter = (channelId: string, productId: string) => boolean;

/** Counts the pairs a search actually scored, for a run's progress figures. */
export interface SearchStats {
  evaluated: number;
}

// Scores are sums of values rounded to 1e-6; the bound is not rounded.
const EPSILON = 1e-5;

/** Keeps the k best by (score desc, id asc) in a small sorted array. */
class TopK<T extends { score: number; id: string }> {
  readonly items: T[] = [];
  constructor(private readonly k: number) {}

  get full(): boolean {
    return this.items.length >= this.k;
  }

  get worst(): number {
    return this.items[this.items.length - 1]?.score ?? -Infinity;
  }

  offer(item: T): void {
    if (this.k <= 0) return;
    if (this.full && !better(item, this.items[this.items.length - 1])) return;
    let i = this.items.length;
    while (i > 0 && better(item, this.items[i - 1])) i--;
    this.items.splice(i, 0, item);
    if (this.items.length > this.k) this.items.pop();
  }
}

function addTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function removeFrom<T extends { id: string }>(map: Map<string, T[]>, key: string, id: string): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.findIndex((x) => x.id === id);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}

/** The best complementarity any product of each category can have with products of `own`. */
function complementaryCategories(
  own: { category: string; grade: number }[],
  table: ComplementarityTable,
): [string, number][] {
  const best = new Map<string, number>();
  const raise = (category: string, c: number) => {
    if (c > (best.get(category) ?? 0)) best.set(category, c);
  };
  for (const product of own) {
    const farthest = Math.max(product.grade - 1, 5 - product.grade);
    raise(product.category, farthest > 0 ? gradeComplement(1, 1 + farthest) : 0);
    for (const [partner, weight] of table.partners(product.category)) raise(partner, weight);
  }
  return [...best].filter(([, c]) => c > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Guest products by (category, market): the candidates of a category in the markets a channel reaches. */
export class ProductIndex {
  private readonly byKey = new Map<string, GuestProduct[]>();

  constructor(products: Iterable<GuestProduct>) {
    for (const product of products) this.add(product);
  }

  add(product: GuestProduct): void {
    for (const market of new Set(product.markets)) addTo(this.byKey, `${product.category}|${market}`, product);
  }

  /** Takes out the product as it was indexed (pass the same object that was added). */
  remove(product: GuestProduct): void {
    for (const market of new Set(product.markets)) removeFrom(this.byKey, `${product.category}|${market}`, product.id);
  }

  *candidates(category: string, markets: string[]): Iterable<GuestProduct> {
    const seen = new Set<string>();
    for (const market of new Set(markets)) {
      for (const product of this.byKey.get(`${category}|${market}`) ?? []) {
        if (seen.has(product.id)) continue;
        seen.add(product.id);
        yield product;
      }
    }
  }
}

/**
 * The k best guest products for one host channel, exactly as a scan over every product would
 * rank them: categories are visited from the most complementary down, and the search stops when
 * even a perfect product of the next category could not beat the current k-th best.
 */
export function topKForChannel(
  channel: HostChannel,
  index: ProductIndex,
  table: ComplementarityTable,
  k: number,
  excluded: PairFilter = () => false,
  stats: SearchStats = { evaluated: 0 },
): ScoredPair[] {
  if (!channel.active || spareRatio(channel) <= 0) return [];
  const top = new TopK<ScoredPair & { id: string }>(k);
  for (const [category, c] of complementaryCategories(channel.hostProducts, table)) {
    if (top.full && upperBound(channel, c) + EPSILON < top.worst) break;
    for (const product of index.candidates(category, channel.markets)) {
      stats.evaluated++;
      const result = evaluate(channel, product, table.lookup);
      if (result.kind !== 'scored' || excluded(channel.id, product.id)) continue;
      top.offer({ id: product.id, channelId: channel.id, productId: product.id, score: result.score, factors: result.factors });
    }
  }
  return top.items.map(({ id: _id, ...pair }) => pair);
}

/** Host channels by (category the host sells, market the channel reaches). */
export class ChannelIndex {
  private readonly byKey = new Map<string, HostChannel[]>();

  constructor(channels: Iterable<HostChannel>) {
    for (const channel of channels) this.add(channel);
  }

  add(channel: HostChannel): void {
    for (const key of ChannelIndex.keys(channel)) addTo(this.byKey, key, channel);
  }

  /** Takes out the channel as it was indexed (pass the same object that was added). */
  remove(channel: HostChannel): void {
    for (const key of ChannelIndex.keys(channel)) removeFrom(this.byKey, key, channel.id);
  }

  private static *keys(channel: HostChannel): Iterable<string> {
    if (!channel.active || spareRatio(channel) <= 0) return;
    const markets = new Set(channel.markets);
    for (const category of new Set(channel.hostProducts.map((p) => p.category))) {
      for (const market of markets) yield `${category}|${market}`;
    }
  }

  *candidates(category: string, markets: string[]): Iterable<HostChannel> {
    const seen = new Set<string>();
    for (const market of new Set(markets)) {
      for (const channel of this.byKey.get(`${category}|${market}`) ?? []) {
        if (seen.has(channel.id)) continue;
        seen.add(channel.id);
        yield channel;
      }
    }
  }
}

/** The k best host channels for one guest product, by the same rule and the same exactness. */
export function topKForProduct(
  product: GuestProduct,
  index: ChannelIndex,
  table: ComplementarityTable,
  k: number,
  excluded: PairFilter = () => false,
  stats: SearchStats = { evaluated: 0 },
): ScoredPair[] {
  const top = new TopK<ScoredPair & { id: string }>(k);
  const bestOthers = WEIGHTS.markets + WEIGHTS.segments + WEIGHTS.capacity + WEIGHTS.channelType * Math.max(...Object.values(CHANNEL_TYPE_FIT).flat());
  // Host categories that can complement this product: its own category (another grade) and its partners.
  const farthest = Math.max(product.grade - 1, 5 - product.grade);
  const categories: [string, number][] = [
    ...(farthest > 0 ? [[product.category, gradeComplement(1, 1 + farthest)] as [string, number]] : []),
    ...table.partners(product.category),
  ].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // A host selling several complementary categories is reached through each: score it once.
  const seen = new Set<string>();
  for (const [category, c] of categories) {
    if (top.full && WEIGHTS.complementarity * c + bestOthers + EPSILON < top.worst) break;
    for (const channel of index.candidates(category, product.markets)) {
      if (seen.has(channel.id)) continue;
      seen.add(channel.id);
      stats.evaluated++;
      const result = evaluate(channel, product, table.lookup);
      if (result.kind !== 'scored' || excluded(channel.id, product.id)) continue;
      top.offer({ id: channel.id, channelId: channel.id, productId: product.id, score: result.score, factors: result.factors });
    }
  }
  return top.items.map(({ id: _id, ...pair }) => pair);
}

/** Reference implementation: every pair scored, for tests and the recall check. */
export function bruteForceTopKForChannel(
  channel: HostChannel,
  products: GuestProduct[],
  table: ComplementarityTable,
  k: number,
  excluded: PairFilter = () => false,
): ScoredPair[] {
  const top = new TopK<ScoredPair & { id: string }>(k);
  for (const product of products) {
    const result = evaluate(channel, product, table.lookup);
    if (result.kind !== 'scored' || excluded(channel.id, product.id)) continue;
    top.offer({ id: product.id, channelId: channel.id, productId: product.id, score: result.score, factors: result.factors });
  }
  return top.items.map(({ id: _id, ...pair }) => pair);
}

export function bruteForceTopKForProduct(
  product: GuestProduct,
  channels: HostChannel[],
  table: ComplementarityTable,
  k: number,
  excluded: PairFilter = () => false,
): ScoredPair[] {
  const top = new TopK<ScoredPair & { id: string }>(k);
  for (const channel of channels) {
    const result = evaluate(channel, product, table.lookup);
    if (result.kind !== 'scored' || excluded(channel.id, product.id)) continue;
    top.offer({ id: channel.id, channelId: channel.id, productId: product.id, score: result.score, factors: result.factors });
  }
  return top.items.map(({ id: _id, ...pair }) => pair);
}
