const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A function that replaces a person's address (anywhere, any case) and name (as a whole word)
 * in text, and in every string of a JSON value.
 */
export function scrubber(person: { email: string; displayName: string }, replacement: { email: string; displayName: string }) {
  const patterns: [RegExp, string][] = [[new RegExp(escapeRegExp(person.email), 'gi'), replacement.email]];
  const name = person.displayName.trim();
  if (name.length > 0) patterns.push([new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'gu'), replacement.displayName]);
  const text = (s: string) => patterns.reduce((out, [re, by]) => out.replace(re, by), s);
  const json = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(json);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, json(x)]));
    return v;
  };
  return { text, json };
}
