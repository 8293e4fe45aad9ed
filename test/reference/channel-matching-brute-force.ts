import { ComplementarityTable } from '../../src/modules/channel-sharing/matching/complementarity-table';
import { TopK } from '../../src/modules/channel-sharing/matching/ranking';
import { evaluate, GuestProduct, HostChannel } from '../../src/modules/channel-sharing/matching/scoring';
import { PairFilter, ScoredPair } from '../../src/modules/channel-sharing/matching/top-k';

/**
 * Reference implementations: every pair scored with `evaluate`, the rule itself. The searches of
 * top-k.ts, product-search.ts and mutual.ts must give the same answers; the property tests and the benchmark's
 * recall check hold them to these.
 */

/** The k best of the candidates by the rule (`pairOf` makes the pair of one; vetoed and excluded pairs left out). */
function best<T extends { id: string }>(
  candidates: T[], k: number, table: ComplementarityTable, excluded: PairFilter, pairOf: (candidate: T) => [HostChannel, GuestProduct],
): { id: string; score: number }[] {
  const top = new TopK(k);
  for (const candidate of candidates) {
    const [channel, product] = pairOf(candidate);
    const result = evaluate(channel, product, table.lookup);
    if (result.kind === 'scored' && !excluded(channel.id, product.id)) top.offer(candidate.id, result.score);
  }
  return top.items;
}

/** The channel's top k over every product. */
export function bruteForceTopKForChannel(
  channel: HostChannel, products: GuestProduct[], table: ComplementarityTable, k: number, excluded: PairFilter = () => false,
): ScoredPair[] {
  return best(products, k, table, excluded, (product) => [channel, product]).map((item) => ({ channelId: channel.id, productId: item.id, score: item.score }));
}

/** The product's top k over every channel. */
export function bruteForceTopKForProduct(
  product: GuestProduct, channels: HostChannel[], table: ComplementarityTable, k: number, excluded: PairFilter = () => false,
): ScoredPair[] {
  return best(channels, k, table, excluded, (channel) => [channel, product]).map((item) => ({ channelId: item.id, productId: product.id, score: item.score }));
}

/** Reference mutual top k of one channel: brute force on both sides. */
export function bruteForceMutualForChannel(
  channel: HostChannel,
  products: GuestProduct[],
  channels: HostChannel[],
  table: ComplementarityTable,
  k: number,
  excluded: PairFilter = () => false,
): ScoredPair[] {
  return bruteForceTopKForChannel(channel, products, table, k, excluded).filter((pair) =>
    bruteForceTopKForProduct(products.find((p) => p.id === pair.productId)!, channels, table, k, excluded).some((t) => t.channelId === channel.id),
  );
}
