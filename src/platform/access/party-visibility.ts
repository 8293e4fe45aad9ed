/**
 * When the parties of a two-sided match see it, and when they see each other, declared once and
 * rendered both as SQL (for lists) and as a TypeScript check (for one row), so the two cannot
 * drift. Channel matches use it; R&D matches and supplier matches declare their own.
 */
export interface PartyVisibilityRule<S extends string> {
  /** Statuses in which both parties see the match. */
  visible: readonly S[];
  /** A status in which they see it only when a column is set (e.g. expired after approval: it had a deadline). */
  visibleWhenSet?: { status: S; column: string; field: string };
  /** Statuses in which each side sees the other's name and contacts. */
  revealed: readonly S[];
}

export interface PartyVisibility<S extends string> {
  /** SQL condition on the row aliased `alias`: the parties see it. */
  sql(alias: string): string;
  sees(row: { status: S }): boolean;
  revealed(status: S): boolean;
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function partyVisibility<S extends string>(rule: PartyVisibilityRule<S>): PartyVisibility<S> {
  return {
    sql(alias) {
      const listed = `${alias}.status IN (${rule.visible.map(literal).join(', ')})`;
      const when = rule.visibleWhenSet;
      return when ? `(${listed} OR (${alias}.status = ${literal(when.status)} AND ${alias}.${when.column} IS NOT NULL))` : `(${listed})`;
    },
    sees(row) {
      const when = rule.visibleWhenSet;
      return rule.visible.includes(row.status) || (!!when && row.status === when.status && (row as unknown as Record<string, unknown>)[when.field] != null);
    },
    revealed(status) {
      return rule.revealed.includes(status);
    },
  };
}
