import { ComplementarityTable } from './complementarity-table';
import { ChannelIndex } from './channel-index';
import { ProductIndex } from './indexes';
import { Floor } from './ranking';
import { better, evaluate, GuestProduct, HostChannel } from './scoring';
import {
  ExplainedPair,
  PairFilter,
  ScoredPair,
  SearchStats,
  topKForChannel,
  topKForIndexedChannel,
  topKForIndexedProduct,
  topKForProduct,
} from './top-k';

/** What a matcher has learnt about one side's top k: the whole list, or a rank known to be inside it. */
interface Known {
  top?: string[];
  inside?: Floor;
}

/**
 * Mutual (reciprocal) top k: a pair is kept when the product is among the channel's k best and
 * the channel among the product's k best. The other side is asked only "does anything rank above
 * this pair k times?" (a search with a floor, which stops early), and what it answers is
 * remembered: a full top k, or a rank known to be inside it. A matcher reads one state of the
 * catalogue; use a fresh one after it changes. See ADR 5.
 */
export class MutualMatcher {
  private readonly products = new Map<string, Known>();
  private readonly channels = new Map<string, Known>();
  readonly stats: SearchStats = { evaluated: 0 };

  constructor(
    private readonly source: {
      channels: ReadonlyMap<string, HostChannel>;
      productIndex: ProductIndex;
      channelIndex: ChannelIndex;
      table: ComplementarityTable;
      excluded: PairFilter;
    },
    private readonly k: number,
  ) {
    // Products are held once, indexed with the terms both indexes share.
    if (source.productIndex.terms !== source.channelIndex.terms) throw new Error('the product and channel indexes must share their terms');
  }

  forChannel(channel: HostChannel): ScoredPair[] {
    const { productIndex, table, excluded } = this.source;
    const indexed = this.source.channelIndex.get(channel.id);
    const options = { excluded, stats: this.stats };
    const top = indexed ? topKForIndexedChannel(indexed, productIndex, table, this.k, options) : topKForChannel(channel, productIndex, table, this.k, options);
    this.channels.set(channel.id, { top: top.map((t) => t.productId) });
    return top.filter((pair) => this.inside(this.products, pair.productId, { score: pair.score, id: channel.id }, (floor) => {
      const product = this.source.productIndex.get(pair.productId)!;
      return topKForIndexedProduct(product, this.source.channelIndex, table, this.k, { excluded, stats: this.stats, floor }).map((t) => t.channelId);
    }));
  }

  forProduct(product: GuestProduct): ScoredPair[] {
    const { channelIndex, table, excluded } = this.source;
    const top = topKForProduct(product, channelIndex, table, this.k, { excluded, stats: this.stats });
    this.products.set(product.id, { top: top.map((t) => t.channelId) });
    return top.filter((pair) => this.inside(this.channels, pair.channelId, { score: pair.score, id: product.id }, (floor) => {
      const channel = this.source.channelIndex.get(pair.channelId)!;
      return topKForIndexedChannel(channel, this.source.productIndex, table, this.k, { excluded, stats: this.stats, floor }).map((t) => t.productId);
    }));
  }

  /** The explanation of a kept pair, from the full rule (and a check that search and rule agree). */
  explain(pair: ScoredPair): ExplainedPair {
    const explained = explainPair(this.source.channels.get(pair.channelId)!, this.source.productIndex.product(pair.productId)!, this.source.table);
    if (!explained || explained.score !== pair.score) {
      throw new Error(`search and rule disagree on ${pair.channelId}/${pair.productId}: ${pair.score} vs ${JSON.stringify(explained ?? 'vetoed')}`);
    }
    return explained;
  }

  /** Whether `rank` (this pair, seen from `subject`'s side) is inside the subject's top k. */
  private inside(known: Map<string, Known>, subject: string, rank: Floor, above: (floor: Floor) => string[]): boolean {
    const entry = known.get(subject) ?? {};
    if (entry.top) return entry.top.includes(rank.id);
    if (entry.inside && !better(entry.inside, rank)) return true;
    const ahead = above(rank);
    if (ahead.length >= this.k) entry.top = ahead; // k rank above it: those are the top k
    else entry.inside = rank;
    known.set(subject, entry);
    return ahead.length < this.k;
  }
}

/** A pair as the full rule scores and explains it, with its two organisations; null when the rule vetoes it. */
export function explainPair(channel: HostChannel, product: GuestProduct, table: ComplementarityTable): ExplainedPair | null {
  const result = evaluate(channel, product, table.lookup);
  if (result.kind !== 'scored') return null;
  return {
    channelId: channel.id, productId: product.id, hostOrganisationId: channel.organisationId, guestOrganisationId: product.organisationId,
    score: result.score, factors: result.factors,
  };
}
