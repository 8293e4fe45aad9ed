import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Page, paginate } from '../../platform/http/pagination';
import { diff } from './audit-diff';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryView, AuditQuery } from './dto/audit.dto';

export interface AuditInput {
  action: string;
  subjectKind: string;
  subjectId: string;
  clusterId: string | null;
  before?: object | null;
  after?: object | null;
}

/** Writes the trail in the caller's transaction; staff read their cluster's trail. */
@Injectable()
export class AuditService {
  constructor(private readonly uow: UnitOfWork) {}

  async record(em: EntityManager, actor: Actor | null, input: AuditInput): Promise<void> {
    await em.insert(AuditEntry, this.row(actor, input));
  }

  async recordMany(em: EntityManager, actor: Actor | null, inputs: AuditInput[]): Promise<void> {
    for (let i = 0; i < inputs.length; i += 1000) {
      const batch = inputs.slice(i, i + 1000);
      if (batch.length === 0) continue;
      await em.insert(AuditEntry, batch.map((input) => this.row(actor, input)));
    }
  }

  private row(actor: Actor | null, input: AuditInput) {
    return {
      clusterId: input.clusterId,
      actorUserId: actor?.userId ?? null,
      action: input.action,
      subjectKind: input.subjectKind,
      subjectId: input.subjectId,
      changes: diff((input.before ?? null) as Record<string, unknown> | null, (input.after ?? null) as Record<string, unknown> | null) as never,
      requestId: actor?.requestId ?? null,
    };
  }

  async list(actor: Actor, query: AuditQuery): Promise<Page<AuditEntryView>> {
    const qb = this.uow.reader.createQueryBuilder(AuditEntry, 'a');
    if (!hasRole(actor, 'admin')) qb.andWhere('a.cluster_id = :own', { own: actor.clusterId });
    if (query.subjectKind) qb.andWhere('a.subject_kind = :kind', { kind: query.subjectKind });
    if (query.subjectId) qb.andWhere('a.subject_id = :sid', { sid: query.subjectId });
    if (query.actorUserId) qb.andWhere('a.actor_user_id = :actor', { actor: query.actorUserId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.from) qb.andWhere('a.created_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.created_at < :to', { to: query.to });
    const page = await paginate(qb, query);
    return {
      items: page.items.map((a) => ({
        id: a.id,
        clusterId: a.clusterId,
        actorUserId: a.actorUserId,
        action: a.action,
        subjectKind: a.subjectKind,
        subjectId: a.subjectId,
        changes: a.changes,
        requestId: a.requestId,
        createdAt: a.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
