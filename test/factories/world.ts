import { randomUUID } from 'node:crypto';
import * as argon2 from 'argon2';
import { Pool } from 'pg';
import request from 'supertest';

export const FACTORY_PASSWORD = 'factory-password-1';
let passwordHash: Promise<string> | undefined;

const unique = () => randomUUID().slice(0, 8);

export interface Row {
  id: string;
  [column: string]: unknown;
}

/**
 * Test data written straight to PostgreSQL (fast, no mail), and real access tokens from the API's
 * own sign-in endpoint, so tests act as real users.
 */
export class World {
  readonly db = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });

  constructor(private readonly apiUrl: string) {}

  async close(): Promise<void> {
    await this.db.end();
  }

  async one(sql: string, params: unknown[] = []): Promise<Row> {
    const { rows } = await this.db.query(sql, params);
    return rows[0] as Row;
  }

  async cluster(name = `Cluster ${unique()}`): Promise<Row & { regionId: string }> {
    const cluster = await this.one(`INSERT INTO clusters (name, country) VALUES ($1, 'FI') RETURNING *`, [name]);
    const region = await this.one(`INSERT INTO regions (cluster_id, name) VALUES ($1, 'Uusimaa') RETURNING id`, [cluster.id]);
    return Object.assign(cluster, { regionId: region.id });
  }

  async organisation(clusterId: string, kind = 'sme', name = `Org ${unique()}`): Promise<Row> {
    return this.one(
      `INSERT INTO organisations (cluster_id, name, kind, naics_codes, country, employee_count)
       VALUES ($1, $2, $3, '{326199}', 'FI', 20) RETURNING *`,
      [clusterId, name, kind],
    );
  }

  async user(roles: string[], options: { clusterId?: string; email?: string } = {}): Promise<Row & { email: string }> {
    passwordHash ??= argon2.hash(FACTORY_PASSWORD, { type: argon2.argon2id });
    const email = options.email ?? `${roles.join('-') || 'user'}-${unique()}@test.example`;
    const user = await this.one(
      `INSERT INTO users (email, display_name, password_hash, roles, cluster_id, email_verified_at)
       VALUES ($1, $2, $3, $4, $5, now()) RETURNING *`,
      [email, `Test ${roles.join('/')}`, await passwordHash, roles, options.clusterId ?? null],
    );
    return Object.assign(user, { email });
  }

  async member(organisationId: string, role: 'owner' | 'member' = 'owner'): Promise<Row & { email: string }> {
    const user = await this.user(['member']);
    await this.db.query(`INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, $3)`, [
      organisationId,
      user.id,
      role,
    ]);
    return user;
  }

  /** Signs the user in through the API and returns the bearer header. */
  async auth(user: { email: string }): Promise<{ authorization: string }> {
    const res = await request(this.apiUrl).post('/api/v1/auth/login').send({ email: user.email, password: FACTORY_PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in of ${user.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { authorization: `Bearer ${res.body.accessToken as string}` };
  }
}
