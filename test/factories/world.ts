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

type Auth = { authorization: string };

/**
 * Test data written straight to PostgreSQL (fast, no mail), and real access tokens from the API's
 * own sign-in endpoint, so tests act as real users.
 */
export class World {
  /** The application's own role, as the API and worker connect: rows only, audit_log append-only. */
  readonly db = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  /** The schema's owner, for tests that inject faults with DDL (triggers); opens a connection only when used. */
  readonly owner = new Pool({ connectionString: process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL, max: 1 });

  constructor(private readonly apiUrl: string) {}

  async close(): Promise<void> {
    await Promise.all([this.db.end(), this.owner.end()]);
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

  /** `clusterId`: the staff cluster of a staff user (others have none; a talent's home cluster is on its profile). */
  async user(roles: string[], options: { clusterId?: string; email?: string } = {}): Promise<Row & { email: string }> {
    passwordHash ??= argon2.hash(FACTORY_PASSWORD, { type: argon2.argon2id });
    const email = options.email ?? `${roles.join('-') || 'user'}-${unique()}@test.example`;
    const user = await this.one(
      `INSERT INTO users (email, display_name, password_hash, roles, staff_cluster_id, email_verified_at)
       VALUES ($1, $2, $3, $4, CASE WHEN 'staff' = ANY($4::text[]) THEN $5::uuid END, now()) RETURNING *`,
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

  /** A cluster with a signed-in staff member and two member organisations (host, guest), each with a signed-in owner. */
  async hostAndGuest(): Promise<{ cluster: Row; staff: Auth; host: Row; guest: Row; h: Auth; g: Auth }> {
    const cluster = await this.cluster();
    const staff = await this.auth(await this.user(['staff'], { clusterId: cluster.id }));
    const host = await this.organisation(cluster.id);
    const guest = await this.organisation(cluster.id);
    return { cluster, staff, host, guest, h: await this.auth(await this.member(host.id)), g: await this.auth(await this.member(guest.id)) };
  }

  /** An open approval request, as a module would file it through ApprovalsService.requestMany. */
  async approvalRequest(
    clusterId: string,
    options: { partyOrganisationIds?: string[]; partyUserIds?: string[]; requestedBy?: string; summary?: string; subjectKind?: string } = {},
  ): Promise<Row> {
    return this.one(
      `INSERT INTO approval_requests (cluster_id, subject_kind, subject_id, party_organisation_ids, party_user_ids, summary,
         details, requested_by, due_at)
       VALUES ($1, $6, gen_random_uuid(), $2, $3, $4, '{"score": 0.82}', $5, now() + interval '5 days') RETURNING *`,
      [
        clusterId,
        options.partyOrganisationIds ?? [],
        options.partyUserIds ?? [],
        options.summary ?? `Match ${unique()}`,
        options.requestedBy ?? null,
        options.subjectKind ?? 'channel_match',
      ],
    );
  }

  /**
   * Outbox rows as modules write them (template approvals.requested), committed in one statement
   * with the NOTIFY the relay listens for. Returns their ids.
   */
  async pendingNotifications(emails: string[], clusterId: string | null = null): Promise<string[]> {
    const { rows } = await this.db.query(
      `WITH inserted AS (
         INSERT INTO notifications (recipient_email, cluster_id, category, template, data, title, in_app, email_status)
         SELECT e, $2, 'approvals', 'approvals.requested',
                jsonb_build_object('approvalId', gen_random_uuid(), 'kind', 'channel_match', 'summary', 'Test ' || e, 'dueAt', now()),
                'To review: Test ' || e, false, 'pending'
         FROM unnest($1::text[]) AS e RETURNING id)
       SELECT id, pg_notify('clusterlink_outbox', '') FROM inserted`,
      [emails, clusterId],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** Signs the user in through the API and returns the bearer header. */
  async auth(user: { email: string }): Promise<{ authorization: string }> {
    const res = await request(this.apiUrl).post('/api/v1/auth/login').send({ email: user.email, password: FACTORY_PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in of ${user.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { authorization: `Bearer ${res.body.accessToken as string}` };
  }
}
