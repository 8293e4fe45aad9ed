/** A category of the cluster's catalogue and the customer segments its products name. */
export interface CategorySegments {
  category: string;
  segments: string[];
}

/** Default weight for industries of one NAICS subsector (first 3 digits): close relatives. */
export const SAME_SUBSECTOR_WEIGHT = 0.5;
/** Default weight for industries of different subsectors: related only through their buyers. */
export const CROSS_SUBSECTOR_WEIGHT = 0.3;

/**
 * Default complementarity from the taxonomy: two 6-digit industries of different industry groups
 * (first 4 digits) whose products in the cluster serve a shared customer segment make different
 * products for the same buyers, e.g. 333318 service machinery and 326199 plastic fittings both
 * sold to utilities. Industries of one group are too alike (competitors or substitutes) and get
 * no default rule. Staff then raise, lower or remove the defaults, and their decisions on
 * proposals teach each rule a learned weight.
 */
export function taxonomyPairs(categories: Iterable<CategorySegments>): [string, string, number][] {
  const segmentsOf = new Map<string, Set<string>>();
  for (const { category, segments } of categories) {
    if (!/^\d{6}$/.test(category)) continue;
    const set = segmentsOf.get(category) ?? new Set<string>();
    for (const s of segments) set.add(s);
    segmentsOf.set(category, set);
  }
  const sorted = [...segmentsOf.keys()].sort();
  const pairs: [string, string, number][] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const [a, b] = [sorted[i], sorted[j]];
      if (a.slice(0, 4) === b.slice(0, 4)) continue;
      const segmentsOfA = segmentsOf.get(a)!;
      if (![...segmentsOf.get(b)!].some((s) => segmentsOfA.has(s))) continue;
      pairs.push([a, b, a.slice(0, 3) === b.slice(0, 3) ? SAME_SUBSECTOR_WEIGHT : CROSS_SUBSECTOR_WEIGHT]);
    }
  }
  return pairs;
}
