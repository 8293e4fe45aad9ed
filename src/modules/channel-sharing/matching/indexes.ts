import { CHANNEL_TYPES, ChannelType, GuestProduct, HostChannel, spareRatio, typeFitOf } from './scoring';
import { IndexedProduct, maskOf, Terms } from './terms';

export type { IndexedProduct };

/**
 * The indexed forms of products and channels that the top-k searches read (see top-k.ts), and
 * the fit helpers over them. The indexes themselves: product-index.ts (guest products grouped so
 * that a whole group scores as one for a given channel) and channel-index.ts (live host channels
 * in lists ordered by what the channel itself adds to any score).
 */

export const GRADES = [1, 2, 3, 4, 5] as const;


/**
 * A live host channel (active, spare capacity) with membership tables for the inner loop (by
 * market or segment id; the terms' table of its set, shared).
 */
export interface IndexedChannel {
  id: string;
  organisationId: string;
  type: ChannelType;
  spare: number;
  markets: number[];
  inMarket: boolean[];
  inSegment: boolean[];
  marketMask: number;
  segmentMask: number;
  own: { category: string; grade: number }[];
  /**
   * `own` for the product search's inner loop: per pair its interned category id times 8 plus its
   * grade (`>> 3` and `& 7`). One array, not two: ~5 MB less at 100k SMEs.
   */
  ownPairs: number[];
  /** Per grade 1–5: how well the channel type suits it (one array per type, shared). */
  typeFits: number[];
}

/** Per channel type, per grade 1–5: `typeFitOf`. */
const TYPE_FITS = new Map(CHANNEL_TYPES.map((type) => [type, GRADES.map((g) => typeFitOf(type, g))]));

export function indexProduct(product: GuestProduct, terms: Terms): IndexedProduct {
  return indexedProduct(
    product.id, product.organisationId, terms.canonicalCategory(product.category), product.grade,
    terms.marketSet(product.markets), terms.segmentSet(product.segments),
  );
}

/** An indexed product from its fields: its category as the terms hold it, its markets and segments as the terms' arrays of them. */
export function indexedProduct(
  id: string, organisationId: string, category: string, grade: number, markets: number[], segments: number[],
): IndexedProduct {
  return { id, organisationId, category, grade, markets, segments, segmentMask: maskOf(segments) };
}

export const isLive = (channel: HostChannel) => channel.active && spareRatio(channel) > 0;

export function indexChannel(channel: HostChannel, terms: Terms): IndexedChannel {
  const markets = terms.marketSet(channel.markets);
  const segments = terms.segmentSet(channel.segments);
  return {
    id: channel.id, organisationId: channel.organisationId, type: channel.type, spare: spareRatio(channel), markets,
    inMarket: terms.marketMembers(markets), inSegment: terms.segmentMembers(segments),
    marketMask: maskOf(markets),
    segmentMask: maskOf(segments),
    own: channel.hostProducts,
    ownPairs: channel.hostProducts.map((o) => terms.category(o.category) * 8 + o.grade),
    typeFits: TYPE_FITS.get(channel.type) ?? GRADES.map((g) => typeFitOf(channel.type, g)),
  };
}

export function countIn(values: number[], member: boolean[]): number {
  let n = 0;
  for (const v of values) if (member[v]) n++;
  return n;
}

/** Share of these (distinct) segments the channel serves; 0.5 when there are none, as in `evaluate`. */
export const segmentFit = (segments: number[], channel: IndexedChannel) =>
  segments.length === 0 ? 0.5 : countIn(segments, channel.inSegment) / segments.length;
