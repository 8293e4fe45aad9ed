/**
 * Default complementarity from the NAICS hierarchy: two 6-digit industries in the same subsector
 * (first 3 digits) but different industry groups (first 4) make related but different products
 * for the same buyers, e.g. 333318 service machinery and 333415 HVAC equipment; industries of one
 * group are too alike (competitors or substitutes) and get no default rule.
 */
export function taxonomyPairs(categories: Iterable<string>): [string, string][] {
  const sorted = [...new Set(categories)].filter((c) => /^\d{6}$/.test(c)).sort();
  const pairs: [string, string][] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const [a, b] = [sorted[i], sorted[j]];
      if (a.slice(0, 3) === b.slice(0, 3) && a.slice(0, 4) !== b.slice(0, 4)) pairs.push([a, b]);
    }
  }
  return pairs;
}
