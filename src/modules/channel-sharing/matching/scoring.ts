/**
 * The channel-sharing match rule, in one pure file: which (host channel, guest product) pairs are
 * never proposed, and how the others are scored and explained. See docs/adr/0004-channel-matching.md.
 */

export const CHANNEL_TYPES = [
  'distributor',
  'wholesale',
  'retail_chain',
  'e_commerce',
  'export_agent',
  'field_sales',
  'trade_fair_stand',
] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** A guest product, as matching sees it. Grade: 1 (economy) … 5 (premium). */
export interface GuestProduct {
  id: string;
  organisationId: string;
  category: string;
  grade: number;
  segments: string[];
  markets: string[];
}

/** A host channel with what its organisation itself sells (its own products' categories and grades). */
export interface HostChannel {
  id: string;
  organisationId: string;
  type: ChannelType;
  markets: string[];
  segments: string[];
  capacity: number;
  usedCapacity: number;
  active: boolean;
  hostProducts: { category: string; grade: number }[];
}

/** Symmetric functional complementarity between two categories, weight in (0, 1]. */
export type ComplementarityLookup = (a: string, b: string) => number;

export const WEIGHTS = {
  complementarity: 0.45,
  markets: 0.25,
  segments: 0.15,
  capacity: 0.1,
  channelType: 0.05,
} as const;
export type Factor = keyof typeof WEIGHTS;

/** How well a channel type suits each grade (index 0 = grade 1, economy … 4 = grade 5, premium). */
export const CHANNEL_TYPE_FIT: Record<ChannelType, readonly number[]> = {
  distributor: [0.7, 0.8, 0.9, 0.9, 0.8],
  wholesale: [1.0, 0.9, 0.7, 0.5, 0.3],
  retail_chain: [0.9, 0.9, 0.8, 0.6, 0.5],
  e_commerce: [0.9, 0.9, 0.8, 0.7, 0.6],
  export_agent: [0.6, 0.7, 0.8, 0.9, 0.9],
  field_sales: [0.3, 0.5, 0.7, 0.9, 1.0],
  trade_fair_stand: [0.5, 0.6, 0.7, 0.8, 0.9],
};

/** Same category at another grade complements: 0.5 one tier apart, up to 0.8 four tiers apart. */
export function gradeComplement(a: number, b: number): number {
  const distance = Math.abs(a - b);
  return distance === 0 ? 0 : 0.5 + 0.1 * (distance - 1);
}

export type Veto =
  | 'channel_inactive'
  | 'same_organisation'
  | 'no_spare_capacity'
  | 'no_market_overlap'
  | 'direct_competitor'
  | 'no_complementarity';

export interface FactorExplanation {
  factor: Factor;
  value: number;
  weight: number;
  contribution: number;
  text: string;
}

export type Evaluation =
  | { kind: 'veto'; veto: Veto }
  | { kind: 'scored'; score: number; factors: FactorExplanation[] };

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function spareRatio(channel: HostChannel): number {
  return channel.capacity > 0 ? Math.max(0, channel.capacity - channel.usedCapacity) / channel.capacity : 0;
}

function overlap(a: string[], b: string[]): string[] {
  const set = new Set(b);
  return [...new Set(a)].filter((x) => set.has(x));
}

/** The best complementarity the host's own products have with the guest's, and why. */
export function complementarityOf(
  channel: HostChannel,
  product: GuestProduct,
  lookup: ComplementarityLookup,
): { value: number; text: string } {
  let best = { value: 0, text: 'no complementary product of the host' };
  for (const own of channel.hostProducts) {
    if (own.category === product.category) {
      const value = gradeComplement(own.grade, product.grade);
      if (value > best.value) best = { value, text: `same category, grade ${product.grade} beside the host's grade ${own.grade}` };
    } else {
      const value = lookup(own.category, product.category);
      if (value > best.value) best = { value, text: `functionally complements the host's ${own.category} (weight ${value})` };
    }
  }
  return best;
}

/**
 * Scores one pair, or says why it is never proposed. Score = Σ weight × factor, each factor in
 * [0, 1], so the score is in [0, 1].
 */
export function evaluate(channel: HostChannel, product: GuestProduct, lookup: ComplementarityLookup): Evaluation {
  if (!channel.active) return { kind: 'veto', veto: 'channel_inactive' };
  if (channel.organisationId === product.organisationId) return { kind: 'veto', veto: 'same_organisation' };
  if (channel.capacity - channel.usedCapacity <= 0) return { kind: 'veto', veto: 'no_spare_capacity' };
  const markets = overlap(product.markets, channel.markets);
  if (markets.length === 0) return { kind: 'veto', veto: 'no_market_overlap' };
  if (channel.hostProducts.some((own) => own.category === product.category && own.grade === product.grade)) {
    return { kind: 'veto', veto: 'direct_competitor' };
  }
  const complementarity = complementarityOf(channel, product, lookup);
  if (complementarity.value <= 0) return { kind: 'veto', veto: 'no_complementarity' };

  const segments = overlap(product.segments, channel.segments);
  const segmentFit = product.segments.length === 0 ? 0.5 : segments.length / new Set(product.segments).size;
  const marketFit = markets.length / new Set(product.markets).size;
  const spare = spareRatio(channel);
  const typeFit = typeFitOf(channel.type, product.grade);
  const values: Record<Factor, { value: number; text: string }> = {
    complementarity,
    markets: { value: marketFit, text: `reaches ${markets.length} of the product's ${new Set(product.markets).size} target markets (${markets.join(', ')})` },
    segments: {
      value: segmentFit,
      text: product.segments.length === 0 ? 'the product names no customer segment' : `serves ${segments.length} of its ${new Set(product.segments).size} customer segments`,
    },
    capacity: { value: spare, text: `${Math.round(spare * 100)} % of the channel's capacity is spare` },
    channelType: { value: typeFit, text: `${/^[aeiou]/.test(channel.type) ? 'an' : 'a'} ${channel.type.replace(/_/g, ' ')} suits grade ${product.grade} products ${typeFit >= 0.8 ? 'well' : typeFit >= 0.6 ? 'fairly' : 'poorly'}` },
  };
  const factors = (Object.keys(WEIGHTS) as Factor[]).map((factor) => ({
    factor,
    value: round(values[factor].value),
    weight: WEIGHTS[factor],
    contribution: round(WEIGHTS[factor] * values[factor].value),
    text: values[factor].text,
  }));
  return { kind: 'scored', score: scoreOf(complementarity.value, marketFit, segmentFit, spare, typeFit), factors };
}

/**
 * The score from the five factor values: each contribution rounded to 1e-6, summed in the order
 * of WEIGHTS, rounded again. `evaluate` and the fast search path both use it, so they agree to
 * the last bit (ties are broken by id, so equal must mean equal).
 */
export function scoreOf(complementarity: number, marketFit: number, segmentFit: number, spare: number, typeFit: number): number {
  return round(
    round(WEIGHTS.complementarity * complementarity) +
      round(WEIGHTS.markets * marketFit) +
      round(WEIGHTS.segments * segmentFit) +
      round(WEIGHTS.capacity * spare) +
      round(WEIGHTS.channelType * typeFit),
  );
}

/** How well the channel type suits a grade (grades outside 1–5 count as the nearest end). */
export function typeFitOf(type: ChannelType, grade: number): number {
  return CHANNEL_TYPE_FIT[type][Math.min(5, Math.max(1, grade)) - 1];
}

/**
 * The complementarity value of `complementarityOf` without the words, or -1 when the host sells
 * the same category at the same grade (direct competitor). For the search's inner loop.
 */
export function complementOf(own: { category: string; grade: number }[], category: string, grade: number, lookup: ComplementarityLookup): number {
  let best = 0;
  for (const o of own) {
    if (o.category === category) {
      if (o.grade === grade) return -1;
      const value = gradeComplement(o.grade, grade);
      if (value > best) best = value;
    } else {
      const value = lookup(o.category, category);
      if (value > best) best = value;
    }
  }
  return best;
}

/** Ranking order of candidates: higher score first, then the smaller id, so top-k is deterministic. */
export function better(a: { score: number; id: string }, b: { score: number; id: string }): boolean {
  return a.score > b.score || (a.score === b.score && a.id < b.id);
}
