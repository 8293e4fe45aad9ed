const SECRET = /password|token|secret|hash/i;

export type Changes = Record<string, { before: unknown; after: unknown }>;

const normalise = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v);

/**
 * The fields that differ between two versions of a record, with secret-looking fields (passwords,
 * tokens, hashes) replaced so they never reach the trail. `before` null means created.
 */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Changes = {};
  for (const key of keys) {
    if (key === 'updatedAt' || key === 'createdAt') continue;
    const b = normalise(before?.[key]);
    const a = normalise(after?.[key]);
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    changes[key] = SECRET.test(key)
      ? { before: b === undefined ? undefined : '[secret]', after: a === undefined ? undefined : '[secret]' }
      : { before: b ?? null, after: a ?? null };
  }
  return changes;
}
