import { ComplementarityTable } from './complementarity-table';
import { ChannelIndex } from './channel-index';
import { ProductIndex } from './product-index';
import { topKForIndexedProduct, topKForProduct } from './product-search';
import { Floor } from './ranking';
import { better, evaluate, GuestProduct, HostChannel } from './scoring';
import {
  ExplainedPair,
  PairFilter,
  ScoredPair,
  SearchStats,
  topKForChannel,
  topKForIndexedChannel,
} from './top-k';

/**
 * What a matcher has learnt about one subject's top k: a rank known to be inside it, or (`whole`)
 * the rank of its k-th best, so that exactly the ranks at or above it are inside. One rank, not
 * the list: a 100k run learns about ~78,000 products, and their lists of k ids took ~17 MB.
 */
interface Known extends Floor {
  whole: boolean;
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
    const { productIndex, channelIndex, table } = this.source;
    const indexed = channelIndex.get(channel.id);
    const top = indexed ? topKForIndexedChannel(indexed, productIndex, table, this.k, this.options()) : topKForChannel(channel, productIndex, table, this.k, this.options());
    return this.mutual(channel.id, top, this.products, (pair) => pair.productId, (productId, floor) =>
      topKForIndexedProduct(productIndex.get(productId)!, channelIndex, table, this.k, this.options(floor)).map((t) => ({ score: t.score, id: t.channelId })));
  }

  forProduct(product: GuestProduct): ScoredPair[] {
    const { productIndex, channelIndex, table } = this.source;
    const top = topKForProduct(product, channelIndex, table, this.k, this.options());
    return this.mutual(product.id, top, this.channels, (pair) => pair.channelId, (channelId, floor) =>
      topKForIndexedChannel(channelIndex.get(channelId)!, productIndex, table, this.k, this.options(floor)).map((t) => ({ score: t.score, id: t.productId })));
  }

  /**
   * The pairs of `subject`'s top k whose other side also has the subject in its top k (answers
   * remembered in `theirs`); `above` lists what ranks above a floor for one of the other side, best first.
   * The subject's own top k is not remembered: a run asks each channel once, and a refresh asks
   * about one organisation's channels and products, which are never each other's pairs; held,
   * they were ~10 MB of a 100k run that nothing read.
   */
  private mutual(
    subject: string,
    top: ScoredPair[],
    theirs: Map<string, Known>,
    otherOf: (pair: ScoredPair) => string,
    above: (other: string, floor: Floor) => Floor[],
  ): ScoredPair[] {
    return top.filter((pair) => this.inside(theirs, otherOf(pair), { score: pair.score, id: subject }, (floor) => above(otherOf(pair), floor)));
  }

  private options(floor?: Floor) {
    return { excluded: this.source.excluded, stats: this.stats, floor };
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
  private inside(known: Map<string, Known>, subject: string, rank: Floor, above: (floor: Floor) => Floor[]): boolean {
    const entry = known.get(subject);
    if (entry && !better(entry, rank)) return true; // at or above a rank inside
    if (entry?.whole) return false; // below the k-th best
    const ahead = above(rank);
    // k rank above it: those are the top k, and the last of them is the k-th best. Otherwise this
    // rank is inside, and below any rank known to be inside before (it was not at or above it).
    const inside = ahead.length < this.k;
    const { score, id } = inside ? rank : ahead[this.k - 1];
    known.set(subject, { score, id, whole: !inside });
    return inside;
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
