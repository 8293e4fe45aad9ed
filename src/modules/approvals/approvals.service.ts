import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { Actor } from '../../platform/auth/actor';
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
   * Files many requests at once (a matching run's proposals): one INSERT, one audit entry per
   * request, and no per-request mail to staff, who see them in the queue. Returns subject → id.
   */
  async requestMany(em: EntityManager, inputs: ApprovalRequestInput[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const dueAt = new Date(Date.now() + this.config.APPROVAL_DUE_DAYS * 24 * 3600 * 1000);
    for (let i = 0; i < inputs.length; i += 1000) {
      const batch = inputs.slice(i, i + 1000);
      const result = await em
        .createQueryBuilder()
        .insert()
        .into(ApprovalRequest)
        .values(batch.map((input) => ({
          ...input,
          partyUserIds: input.partyUserIds ?? [],
          details: (input.details ?? {}) as never,
          requestedBy: input.requestedBy ?? null,
          dueAt: input.dueAt ?? dueAt,
          status: 'pending' as const,
        })))
        .returning(['id', 'subjectId', 'clusterId'])
        .execute();
      const rows = result.raw as { id: string; subject_id: string; cluster_id: string }[];
      for (const row of rows) ids.set(row.subject_id, row.id);
      await this.audit.recordMany(em, null, rows.map((row) => ({
        action: 'approval.requested', subjectKind: 'approval_request', subjectId: row.id, clusterId: row.cluster_id,
        after: { subjectId: row.subject_id },
      })));
    }
    return ids;
  }

  /** Withdraws the open requests of these subjects (idempotent). */
  async withdrawMany(em: EntityManager, subjectKind: ApprovalKind, subjectIds: string[]): Promise<number> {
    if (subjectIds.length === 0) return 0;
    const result = await em
      .createQueryBuilder()
      .update(ApprovalRequest)
      .set({ status: 'withdrawn', decidedAt: () => 'now()' })
      .where("subject_kind = :subjectKind AND subject_id = ANY(:subjectIds) AND status = 'pending'", { subjectKind, subjectIds })
      .returning(['id', 'clusterId'])
      .execute();
    const rows = result.raw as { id: string; cluster_id: string }[];
    await this.audit.recordMany(em, null, rows.map((row) => ({
      action: 'approval.withdrawn', subjectKind: 'approval_request', subjectId: row.id, clusterId: row.cluster_id,
      before: { status: 'pending' }, after: { status: 'withdrawn' },
    })));
    return rows.length;
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
