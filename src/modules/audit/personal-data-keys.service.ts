import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { newKey } from './audit-crypto';
import { PersonalDataKey } from './personal-data-key.entity';

/** Whose personal data an audit entry holds: an account, or an address with no account yet. */
export type AuditDataSubject = { userId: string } | { email: string };

/** The per-person keys of the audit trail: made on first use, read to open entries, deleted on erasure. */
@Injectable()
export class PersonalDataKeys {
  async keyFor(em: EntityManager, subject: AuditDataSubject): Promise<{ id: string; key: Buffer }> {
    const [column, value] = 'userId' in subject ? ['user_id', subject.userId] : ['email', subject.email.toLowerCase()];
    // Two transactions making the same person's first key: one insert wins, both read the winner.
    await em.query(`INSERT INTO personal_data_keys (${column}, key) VALUES ($1, $2) ON CONFLICT (${column}) DO NOTHING`, [value, newKey()]);
    const [row]: { id: string; key: Buffer }[] = await em.query(`SELECT id, key FROM personal_data_keys WHERE ${column} = $1`, [value]);
    return row;
  }

  async keys(em: EntityManager, ids: string[]): Promise<Map<string, Buffer>> {
    if (ids.length === 0) return new Map();
    const rows = await em.find(PersonalDataKey, { where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((r) => [r.id, r.key]));
  }

  /** The ids of the person's keys: their account's and their address's. */
  async idsOf(em: EntityManager, userId: string, email: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM personal_data_keys WHERE user_id = $1 OR email = $2`, [userId, email.toLowerCase()]);
    return rows.map((r) => r.id);
  }

  /** Crypto-shredding: without its key, every value sealed for the person is unreadable. */
  async destroy(em: EntityManager, userId: string, email: string): Promise<number> {
    const result = await em.query(`DELETE FROM personal_data_keys WHERE user_id = $1 OR email = $2`, [userId, email.toLowerCase()]);
    return (result as [unknown, number])[1] ?? 0;
  }
}
