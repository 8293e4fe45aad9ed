/** Symmetric category → category weights, built from the cluster's complementarity rules. */
export class ComplementarityTable {
  private readonly weights = new Map<string, Map<string, number>>();
  private readonly ranked = new Map<string, readonly Partner[]>();

  constructor(rules: Iterable<{ categoryA: string; categoryB: string; weight: number }>) {
    for (const rule of rules) {
      if (rule.categoryA === rule.categoryB || rule.weight <= 0) continue;
      this.set(rule.categoryA, rule.categoryB, rule.weight);
      this.set(rule.categoryB, rule.categoryA, rule.weight);
    }
  }

  private set(a: string, b: string, weight: number): void {
    const row = this.weights.get(a) ?? new Map<string, number>();
    row.set(b, Math.max(weight, row.get(b) ?? 0));
    this.weights.set(a, row);
  }

  readonly lookup = (a: string, b: string): number => this.weights.get(a)?.get(b) ?? 0;

  /** The categories that complement `category`, with their weights. */
  partners(category: string): ReadonlyMap<string, number> {
    return this.weights.get(category) ?? new Map();
  }

  /** The same partners, strongest first (computed once per category): searches stop at the first one too weak to matter. */
  strongest(category: string): readonly Partner[] {
    let list = this.ranked.get(category);
    if (!list) {
      list = [...this.partners(category)].map(([partner, weight]) => ({ category: partner, weight })).sort((a, b) => b.weight - a.weight);
      this.ranked.set(category, list);
    }
    return list;
  }
}

export interface Partner {
  category: string;
  weight: number;
}
