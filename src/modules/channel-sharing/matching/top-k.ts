import { ComplementarityTable } from './complementarity-table';
import { countIn, GRADES, indexChannel, IndexedChannel, isLive, segmentFit } from './indexes';
import { CategoryGrade, setKey, SetKey } from './product-columns';
import { ProductIndex } from './product-index';
import { bitCount } from './terms';
import { Floor, MaxHeap, TopK } from './ranking';
import { complementOf, FactorExplanation, HostChannel, scoreOf, WEIGHTS } from './scoring';

/**
 * Exact top-k searches over indexes, so that a rebuild does not score every (channel, product)
 * pair. Every search visits its candidates in groups ("tiers") ordered by an upper bound of the
 * score any member of the group can reach, and stops when the current k-th best beats the next
 * bound; bounds never fall below a real score, so the result equals the brute-force top k (the
 * property test checks it). See docs/adr/0004-channel-matching.md and 0005. This file holds what
 * both searches share and the channel side; product-search.ts the product side.
 */

export interface ScoredPair {
  channelId: string;
  productId: string;
  score: number;
}

/** A kept pair with its two organisations and every factor of its score. */
export interface ExplainedPair extends ScoredPair {
  hostOrganisationId: string;
  guestOrganisationId: string;
  factors: FactorExplanation[];
}

/** Pairs that must not be proposed again (agreed, or declined recently). */
export type PairFilter = (channelId: string, productId: string) => boolean;

/** Counts the pairs a search actually scored, for a run's progress figures. */
export interface SearchStats {
  evaluated: number;
}

/** What a search may be told besides its subject: pairs to leave out, counters, a floor. */
export interface SearchOptions {
  excluded?: PairFilter;
  stats?: SearchStats;
  /** Only candidates ranking above this; the search then stops early (used to test membership of a top k). */
  floor?: Floor;
}

/**
 * Roughly how many market masks a scan tests in the time of one lookup of a subset key (an
 * estimate, not tuned): a channel's whole-fit sets are found by scan unless its (category, grade)
 * has this many times more sets than the channel's markets have subsets.
 */
const SCAN_PER_LOOKUP = 16;

/** The subsets of `markets` with at most `maxSize` members, as set keys; null when there are more than `limit`. */
function subsetKeys(markets: number[], maxSize: number, limit: number): SetKey[] | null {
  const out: SetKey[] = [];
  const pick: number[] = [];
  const walk = (from: number): boolean => {
    for (let i = from; i < markets.length; i++) {
      pick.push(markets[i]);
      out.push(setKey(pick));
      if (out.length > limit) return false;
      if (pick.length < maxSize && !walk(i + 1)) return false;
      pick.pop();
    }
    return true;
  };
  return walk(0) ? out : null;
}

function isSubset(xs: number[], member: boolean[]): boolean {
  for (let i = 0; i < xs.length; i++) if (!member[xs[i]]) return false;
  return true;
}

/** The first of `xs` that is a member. */
function firstIn(xs: number[], member: boolean[]): number | undefined {
  for (let i = 0; i < xs.length; i++) if (member[xs[i]]) return xs[i];
  return undefined;
}

/** What a channel adds to any score (spare capacity, type fit), without rounding: for bounds only. */
export const potentialOf = (spare: number, typeFit: number) => WEIGHTS.capacity * spare + WEIGHTS.channelType * typeFit;
/** An upper bound of a score from its parts (unrounded; `TopK.beats` allows for the rounding). */
export const boundOf = (complement: number, marketFit: number, segmentFit: number, potential: number) =>
  WEIGHTS.complementarity * complement + WEIGHTS.markets * marketFit + WEIGHTS.segments * segmentFit + potential;
export const gradeSlot = (grade: number) => Math.min(5, Math.max(1, grade)) - 1;

/** A category a host's products complement, with the complement per guest grade (-1: direct competitor). */
interface HostCategory {
  category: string;
  best: number;
  complements: number[];
}

/**
 * The categories a host's own products complement, strongest first: its own categories (grade
 * complement, competitor veto) merged with each own category's partners, strongest first. A
 * partner category's complement is its weight the first time the merge meets it.
 */
function strongestFirst(own: { category: string; grade: number }[], table: ComplementarityTable): () => HostCategory | undefined {
  const ownCategories = [...new Set(own.map((o) => o.category))];
  const mine: HostCategory[] = ownCategories
    .map((category) => {
      const complements = GRADES.map((g) => complementOf(own, category, g, table.lookup));
      return { category, complements, best: Math.max(...complements) };
    })
    .filter((c) => c.best > 0)
    .sort((a, b) => b.best - a.best);
  const lists = ownCategories.map((category) => table.strongest(category));
  const at = lists.map(() => 0);
  const met = new Set(ownCategories);
  let next = 0;
  return () => {
    for (;;) {
      let pick = -1;
      for (let i = 0; i < lists.length; i++) {
        if (at[i] < lists[i].length && (pick < 0 || lists[i][at[i]].weight > lists[pick][at[pick]].weight)) pick = i;
      }
      if (next < mine.length && (pick < 0 || mine[next].best >= lists[pick][at[pick]].weight)) return mine[next++];
      if (pick < 0) return undefined;
      const { category, weight } = lists[pick][at[pick]++];
      if (met.has(category)) continue;
      met.add(category);
      return { category, best: weight, complements: [weight, weight, weight, weight, weight] };
    }
  };
}

/**
 * The k best guest products for one host channel, exactly as a scan over every product would
 * rank them. The host's complementary categories are met strongest first. Per (category, grade)
 * there are four tiers: products whose markets the channel reaches wholly or partly, times
 * segments it serves wholly or partly. Tiers are read in order of the best score they allow
 * (a category's tiers are made when the best tier left could be one of them), and the search
 * stops at the first tier the k-th best beats. Whole market fits are found by looking up the
 * subsets of the channel's markets; partial ones by market. Products with the same
 * markets and segments (a run) score as one and are read in id order, so a run stops at the
 * first product that cannot enter.
 */
export function topKForChannel(
  channel: HostChannel,
  index: ProductIndex,
  table: ComplementarityTable,
  k: number,
  options: SearchOptions = {},
): ScoredPair[] {
  return isLive(channel) ? topKForIndexedChannel(indexChannel(channel, index.terms), index, table, k, options) : [];
}

/** `topKForChannel` for a live channel indexed with the product index's terms. */
export function topKForIndexedChannel(
  c: IndexedChannel,
  index: ProductIndex,
  table: ComplementarityTable,
  k: number,
  { excluded = () => false, stats = { evaluated: 0 }, floor }: SearchOptions = {},
): ScoredPair[] {
  const top = new TopK(k, floor);
  const { typeFits } = c;
  const potentials = typeFits.map((fit) => potentialOf(c.spare, fit));
  const bestPotential = Math.max(...potentials);
  const marketSubsets = subsetKeys(c.markets, index.widestMarketSet, 4096);
  const [partialMarkets, partialSegments] = [index.partialMarketFit, index.partialSegmentFit];

  type Tier = { bound: number; entry: CategoryGrade; complement: number; g: number; wholeMarkets: boolean; wholeSegments: boolean };
  const exact = index.terms.fitMasks;
  const { columns, sets } = index;
  const { ids, organisations } = columns;
  /**
   * Offers a market set's products: each run with one segment set scores as one, its products in
   * id order. With exact masks a run's segment fit comes from its numbers in `runsOf`, without
   * reading its products' segments; a product's id and organisation are read from the columns.
   */
  const offerSet = (tier: Tier, set: number, marketFit: number) => {
    const { complement, g, wholeSegments } = tier;
    if (top.beats(boundOf(complement, marketFit, wholeSegments ? 1 : partialSegments, potentials[g]))) return;
    const products = sets.many[set];
    const first = sets.first[set];
    const runs = index.runsOf(set);
    for (let r = 0; r + 1 < runs.length; r += 3) {
      const count = runs[r + 2];
      // The whole-segment tier takes the runs the channel serves wholly; the other tier the rest.
      const fit = !exact.segments
        ? segmentFit(columns.segments[products ? products[runs[r]] : first], c)
        : count === 0 ? 0.5 : bitCount(runs[r + 1] & c.segmentMask) / count;
      if ((fit === 1 && count > 0) !== wholeSegments || top.beats(boundOf(complement, marketFit, fit, potentials[g]))) continue;
      const score = scoreOf(complement, marketFit, fit, c.spare, typeFits[g]);
      for (let i = runs[r], end = runs[r + 3]; i < end; i++) {
        const row = products ? products[i] : first;
        const id = ids[row];
        if (!top.admits(score, id)) break; // nor will the rest of the run (same score, later ids)
        if (organisations[row] === c.organisationId || excluded(c.id, id)) continue;
        stats.evaluated++;
        top.offer(id, score);
      }
    }
  };
  const read = (tier: Tier) => {
    const { entry } = tier;
    if (tier.wholeMarkets) {
      if (marketSubsets && marketSubsets.length * SCAN_PER_LOOKUP < entry.list.length) {
        for (const key of marketSubsets) {
          const set = entry.sets.get(key);
          if (set !== undefined) offerSet(tier, set, 1);
        }
      } else {
        // The sets whose markets the channel all reaches: a mask test rules most out (and decides, with exact masks).
        const { list, masks } = entry;
        const outside = ~c.marketMask;
        for (let s = 0; s < masks.length; s++) {
          if ((masks[s] & outside) === 0 && (exact.markets || isSubset(sets.markets[list[s]], c.inMarket))) offerSet(tier, list[s], 1);
        }
      }
      return;
    }
    // Each partly reached market set once, under the first of its markets the channel reaches.
    const { start, sets: setsOfMarket } = index.setsByMarket(entry);
    for (const m of c.markets) {
      if (m + 1 >= start.length) continue; // no set of this (category, grade) has the market
      for (let i = start[m]; i < start[m + 1]; i++) {
        const set = setsOfMarket[i];
        const markets = sets.markets[set];
        const inMarkets = countIn(markets, c.inMarket);
        if (inMarkets === markets.length || firstIn(markets, c.inMarket) !== m) continue;
        offerSet(tier, set, inMarkets / markets.length);
      }
    }
  };

  const tiers = new MaxHeap<Tier>();
  const nextCategory = strongestFirst(c.own, table);
  for (let hc = nextCategory(); ; ) {
    while (hc && boundOf(hc.best, 1, 1, bestPotential) >= (tiers.peek()?.bound ?? -1)) {
      if (top.beats(boundOf(hc.best, 1, 1, bestPotential))) hc = undefined;
      else {
        for (let g = 0; g < 5 && index.hasCategory(hc.category); g++) {
          const entry = index.entry(hc.category, g + 1, false);
          const complement = hc.complements[g];
          if (!entry || complement <= 0) continue;
          for (const [wholeMarkets, marketFit] of [[true, 1], [false, partialMarkets]] as const) {
            for (const [wholeSegments, segmentFit] of [[true, 1], [false, partialSegments]] as const) {
              if (marketFit === 0) continue;
              tiers.push({ bound: boundOf(complement, marketFit, segmentFit, potentials[g]), entry, complement, g, wholeMarkets, wholeSegments });
            }
          }
        }
        hc = nextCategory();
      }
    }
    const tier = tiers.pop();
    if (!tier || top.beats(tier.bound)) break;
    read(tier);
  }
  return top.items.map((item) => ({ channelId: c.id, productId: item.id, score: item.score }));
}
