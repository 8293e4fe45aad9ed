import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { scopeToActor } from '../../platform/access/actor-scope';
import { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Page, paginate } from '../../platform/http/pagination';
import { keyIdsIn, openPersonal, sealPersonal } from './audit-crypto';
import { diff } from './audit-diff';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryView, AuditQuery } from './dto/audit.dto';
import { AuditDataSubject, PersonalDataKeys } from './personal-data-keys.service';

export interface AuditInput {
  action: string;
  subjectKind: string;
  subjectId: string;
  clusterId: string | null;
  before?: object | null;
  after?: object | null;
  /**
   * Whose personal data the changes hold: the values of personal fields (PERSONAL_AUDIT_FIELDS)
   * are sealed with that person's key, and are replaced when no subject is named.
   */
  dataSubject?: AuditDataSubject;
}

/** Writes the trail in the caller's transaction; staff read their cluster's trail. */
@Injectable()
export class AuditService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: PersonalDataKeys,
  ) {}

  async record(em: EntityManager, actor: Actor | null, input: AuditInput): Promise<void> {
    await em.insert(AuditEntry, await this.row(em, actor, input));
  }

  /** The entries in one INSERT per 5,000 (a matching run audits tens of thousands at once). */
  async recordMany(em: EntityManager, actor: Actor | null, inputs: AuditInput[]): Promise<void> {
    for (let i = 0; i < inputs.length; i += 5000) {
      const rows = [];
      for (const input of inputs.slice(i, i + 5000)) {
        // Only entries holding someone's personal data wait for that person's key.
        const row = input.dataSubject ? await this.row(em, actor, input) : this.rowWith(actor, input, null);
        rows.push({ cluster_id: row.clusterId, actor_user_id: row.actorUserId, action: row.action, subject_kind: row.subjectKind,
          subject_id: row.subjectId, changes: row.changes, request_id: row.requestId });
      }
      if (rows.length === 0) continue;
      await em.query(
        `INSERT INTO audit_log (cluster_id, actor_user_id, action, subject_kind, subject_id, changes, request_id)
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS r(cluster_id uuid, actor_user_id uuid, action text, subject_kind text, subject_id text, changes jsonb, request_id text)`,
        [JSON.stringify(rows)],
      );
    }
  }

  private async row(em: EntityManager, actor: Actor | null, input: AuditInput) {
    return this.rowWith(actor, input, input.dataSubject ? await this.keys.keyFor(em, input.dataSubject) : null);
  }

  private rowWith(actor: Actor | null, input: AuditInput, key: { id: string; key: Buffer } | null) {
    const changes = diff((input.before ?? null) as Record<string, unknown> | null, (input.after ?? null) as Record<string, unknown> | null);
    return {
      clusterId: input.clusterId,
      actorUserId: actor?.userId ?? null,
      action: input.action,
      subjectKind: input.subjectKind,
      subjectId: input.subjectId,
      changes: sealPersonal(changes, key) as never,
      requestId: actor?.requestId ?? null,
    };
  }

  async list(actor: Actor, query: AuditQuery): Promise<Page<AuditEntryView>> {
    const qb = this.uow.reader.createQueryBuilder(AuditEntry, 'a');
    scopeToActor(qb, actor, { cluster: 'a.cluster_id' });
    if (query.subjectKind) qb.andWhere('a.subject_kind = :kind', { kind: query.subjectKind });
    if (query.subjectId) qb.andWhere('a.subject_id = :sid', { sid: query.subjectId });
    if (query.actorUserId) qb.andWhere('a.actor_user_id = :actor', { actor: query.actorUserId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.from) qb.andWhere('a.created_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.created_at < :to', { to: query.to });
    const page = await paginate(qb, query);
    return { items: await this.views(this.uow.reader, page.items), nextCursor: page.nextCursor };
  }

  /**
   * Entries as readers see them: personal values opened, or ERASED where the key was destroyed.
   * With `onlyKeys`, values sealed with any other key read as UNATTRIBUTED (someone else's data).
   */
  async views(em: EntityManager, entries: AuditEntry[], onlyKeys?: string[]): Promise<AuditEntryView[]> {
    const ids = entries.flatMap((a) => keyIdsIn(a.changes));
    const keys = await this.keys.keys(em, onlyKeys ? ids.filter((id) => onlyKeys.includes(id)) : ids);
    return entries.map((a) => ({
      id: a.id,
      clusterId: a.clusterId,
      actorUserId: a.actorUserId,
      action: a.action,
      subjectKind: a.subjectKind,
      subjectId: a.subjectId,
      changes: openPersonal(a.changes, keys, onlyKeys),
      requestId: a.requestId,
      createdAt: a.createdAt.toISOString(),
    }));
  }
}
