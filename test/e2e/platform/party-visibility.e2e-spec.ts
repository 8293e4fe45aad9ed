import { Pool } from 'pg';
import { partyVisibility, PartyVisibility } from '../../../src/platform/access/party-visibility';
import { CHANNEL_MATCH_VISIBILITY } from '../../../src/modules/channel-sharing/matches/match-details';
import { MATCH_STATUSES } from '../../../src/modules/channel-sharing/matches/channel-match.entity';

/**
 * A party-visibility rule is rendered twice, as SQL for lists and as a check for one row. Both
 * renderings are evaluated here on every status, with and without the conditional column, in the
 * real PostgreSQL: they must agree everywhere.
 */
describe('party visibility: the SQL and the check agree', () => {
  const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  afterAll(() => db.end());

  async function compare<S extends string>(rule: PartyVisibility<S>, statuses: readonly S[]) {
    const cases = statuses.flatMap((status) => [null, new Date('2027-01-01T00:00:00Z')].map((respondBy) => ({ status, respondBy })));
    const { rows } = await db.query(
      `SELECT m.i, ${rule.sql('m')} AS sees FROM jsonb_to_recordset($1::jsonb) AS m(i int, status text, respond_by timestamptz)`,
      [JSON.stringify(cases.map((c, i) => ({ i, status: c.status, respond_by: c.respondBy })))],
    );
    const sql = new Map(rows.map((r) => [r.i as number, r.sees as boolean]));
    return cases.map((c, i) => ({ ...c, sql: sql.get(i), ts: rule.sees(c) }));
  }

  it('channel matches: parties see approved, accepted, agreed, declined, and expired after approval', async () => {
    const results = await compare(CHANNEL_MATCH_VISIBILITY, MATCH_STATUSES);
    expect(results.filter((r) => r.sql !== r.ts)).toEqual([]);
    const seen = results.filter((r) => r.ts).map((r) => `${r.status}${r.respondBy ? '+deadline' : ''}`);
    expect(seen.sort()).toEqual([
      'accepted', 'accepted+deadline', 'agreed', 'agreed+deadline', 'approved', 'approved+deadline',
      'declined', 'declined+deadline', 'expired+deadline',
    ]);
  });

  it('a rule without a conditional status agrees too, and quotes its statuses', async () => {
    const rule = partyVisibility<string>({ visible: ["o'clock", 'open'], revealed: ['open'] });
    const results = await compare(rule, ["o'clock", 'open', 'closed']);
    expect(results.filter((r) => r.sql !== r.ts)).toEqual([]);
    expect(results.filter((r) => r.ts).map((r) => r.status)).toEqual(["o'clock", "o'clock", 'open', 'open']);
    expect(rule.revealed('open')).toBe(true);
    expect(rule.revealed("o'clock")).toBe(false);
  });
});
