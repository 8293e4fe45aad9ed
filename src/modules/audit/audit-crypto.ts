import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Fields of audit changes that hold personal data. Their `before`/`after` values are stored
 * encrypted with the data subject's key, or replaced when the entry names no subject.
 */
export const PERSONAL_AUDIT_FIELDS: ReadonlySet<string> = new Set([
  'email',
  'displayName',
  'recipientEmail',
  'headline',
  'skills',
  'languages',
  'contacts',
]);

/** What an encrypted value looks like inside `changes`: the key's id and IV, tag and ciphertext. */
export interface SealedValue {
  $personal: string;
  data: string;
}

export const ERASED = '[erased]';
export const UNATTRIBUTED = '[personal]';

export function isSealed(value: unknown): value is SealedValue {
  return typeof value === 'object' && value !== null && typeof (value as SealedValue).$personal === 'string';
}

export function newKey(): Buffer {
  return randomBytes(32);
}

/** AES-256-GCM with a fresh IV; the key id is authenticated, so a value cannot move to another key. */
export function seal(keyId: string, key: Buffer, value: unknown): SealedValue {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(keyId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { $personal: keyId, data: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64') };
}

/** The value, or ERASED when the key is gone. */
export function unseal(sealed: SealedValue, key: Buffer | undefined): unknown {
  if (!key) return ERASED;
  const raw = Buffer.from(sealed.data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(sealed.$personal));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
}

type Changes = Record<string, { before: unknown; after: unknown }>;

/** Seals the personal fields of `changes` with the key, or replaces them when there is none. */
export function sealPersonal(changes: Changes, key: { id: string; key: Buffer } | null): Changes {
  const out: Changes = {};
  for (const [field, change] of Object.entries(changes)) {
    if (!PERSONAL_AUDIT_FIELDS.has(field)) {
      out[field] = change;
      continue;
    }
    const protect = (v: unknown) => (v === null || v === undefined ? v : key ? seal(key.id, key.key, v) : UNATTRIBUTED);
    out[field] = { before: protect(change.before), after: protect(change.after) };
  }
  return out;
}

/** The key ids sealed values in these changes use. */
export function keyIdsIn(changes: Changes): string[] {
  return Object.values(changes).flatMap((c) => [c.before, c.after].filter(isSealed).map((s) => s.$personal));
}

/**
 * The changes with sealed values opened with the keys at hand, ERASED where a key was destroyed;
 * with `onlyKeys`, values sealed with other keys read as UNATTRIBUTED.
 */
export function openPersonal(changes: Changes, keys: Map<string, Buffer>, onlyKeys?: string[]): Changes {
  const open = (v: unknown) =>
    !isSealed(v) ? v : onlyKeys && !onlyKeys.includes(v.$personal) ? UNATTRIBUTED : unseal(v, keys.get(v.$personal));
  return Object.fromEntries(Object.entries(changes).map(([f, c]) => [f, { before: open(c.before), after: open(c.after) }]));
}
