import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { Actor } from '../../platform/auth/actor';
import { auditRowsSql } from '../audit/audit-sql';
import { AuditService } from '../audit/audit.service';
import { MembersService } from '../directory/members.service';
import { UsersService } from '../identity/users.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ApprovalKind, ApprovalRequest } from './approval-request.entity';

export interface ApprovalRequestInput {
  clusterId: string;
  subjectKind: ApprovalKind;
  subjectId: string;
  partyOrganisationIds: string[];
  partyUserIds?: string[];
  summary: string;
  details?: Record<string, unknown>;
  requestedBy?: string | null;
  dueAt?: Date;
}

/**
 * What other modules use: ask for a decision (in their own transaction) and withdraw a request
 * whose subject went away. They learn the outcome from the `approval.decided` domain event.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly members: MembersService,
  ) {}

  async request(em: EntityManager, input: ApprovalRequestInput): Promise<ApprovalRequest> {
    const dueAt = input.dueAt ?? new Date(Date.now() + this.config.APPROVAL_DUE_DAYS * 24 * 3600 * 1000);
    const request = await em.save(em.create(ApprovalRequest, {
      ...input,
      partyUserIds: input.partyUserIds ?? [],
      details: input.details ?? {},
      requestedBy: input.requestedBy ?? null,
      dueAt,
      status: 'pending',
    }));
    await this.audit.record(em, null, {
      action: 'approval.requested', subjectKind: 'approval_request', subjectId: request.id, clusterId: input.clusterId,
      after: { subjectKind: input.subjectKind, subjectId: input.subjectId, summary: input.summary },
    });
    const staff = await this.users.staffOf(em, input.clusterId);
    await this.notifications.notifyMany(em, staff.map((s) => ({
      to: { userId: s.id, email: s.email, locale: s.locale },
      category: 'approvals' as const,
      template: 'approvals.requested' as const,
      data: { approvalId: request.id, kind: input.subjectKind, summary: input.summary, dueAt: dueAt.toISOString() },
      clusterId: input.clusterId,
    })));
    return request;
  }

  /**
   * Files a request for every row a query yields (a matching run's new proposals), set-based: one
   * INSERT … SELECT with its audit entries, no row through the application, no per-request mail
   * to staff (they see them in the queue). `source` yields id (chosen by the caller, so it can
   * link its subjects in the same statement that creates them), subject_id,
   * party_organisation_ids, summary and details.
   */
  async requestFromQuery(
    em: EntityManager,
    clusterId: string,
    subjectKind: ApprovalKind,
    source: string,
    params: unknown[],
  ): Promise<number> {
    const n = params.length;
    const [{ count }]: { count: number }[] = await em.query(
      `WITH source AS (${source}),
       inserted AS (
         INSERT INTO approval_requests (id, cluster_id, subject_kind, subject_id, party_organisation_ids, summary, details, due_at, status)
         SELECT id, $${n + 1}, $${n + 2}, subject_id, party_organisation_ids, summary, details, now() + make_interval(days => $${n + 3}), 'pending'
         FROM source
         RETURNING id, subject_id, cluster_id),
       audited AS (${auditRowsSql('inserted', 'approval.requested', 'approval_request',
         `jsonb_build_object('subjectId', jsonb_build_object('before', null, 'after', subject_id))`)})
       SELECT count(*)::int AS count FROM inserted`,
      [...params, clusterId, subjectKind, this.config.APPROVAL_DUE_DAYS],
    );
    return count;
  }

  /** Withdraws the open requests of these subjects (idempotent), with their audit entries. */
  async withdrawMany(em: EntityManager, subjectKind: ApprovalKind, subjectIds: string[]): Promise<number> {
    if (subjectIds.length === 0) return 0;
    const [{ count }]: { count: number }[] = await em.query(
      `WITH withdrawn AS (
         UPDATE approval_requests SET status = 'withdrawn', decided_at = now()
         WHERE subject_kind = $1 AND subject_id = ANY($2::uuid[]) AND status = 'pending'
         RETURNING id, cluster_id),
       audited AS (${auditRowsSql('withdrawn', 'approval.withdrawn', 'approval_request',
         `'{"status": {"before": "pending", "after": "withdrawn"}}'::jsonb`)})
       SELECT count(*)::int AS count FROM withdrawn`,
      [subjectKind, subjectIds],
    );
    return count;
  }

  /** Withdraws the open request for a subject, if any (idempotent). */
  async withdraw(em: EntityManager, actor: Actor | null, subjectKind: ApprovalKind, subjectId: string): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ApprovalRequest)
      .set({ status: 'withdrawn', decidedAt: () => 'now()' })
      .where("subject_kind = :subjectKind AND subject_id = :subjectId AND status = 'pending'", { subjectKind, subjectId })
      .returning(['id', 'clusterId'])
      .execute();
    for (const row of result.raw as { id: string; cluster_id: string }[]) {
      await this.audit.record(em, actor, {
        action: 'approval.withdrawn', subjectKind: 'approval_request', subjectId: row.id, clusterId: row.cluster_id,
        before: { status: 'pending' }, after: { status: 'withdrawn' },
      });
    }
    return (result.affected ?? 0) > 0;
  }

  /** Everyone a decision concerns: the party users and the members of the party organisations. */
  async partyUserIds(em: EntityManager, request: ApprovalRequest): Promise<string[]> {
    const members = await this.members.userIdsOf(em, request.partyOrganisationIds);
    return [...new Set([...request.partyUserIds, ...members])];
  }
}
