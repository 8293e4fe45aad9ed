import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { Actor } from '../../platform/auth/actor';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../identity/users.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ApprovalKind } from './approval-request.entity';

/** One decision a module asks staff for. */
export interface ApprovalRequestInput {
  /** Chosen by the caller when it links its subject to the request in the same transaction. */
  id?: string;
  clusterId: string;
  subjectKind: ApprovalKind;
  subjectId: string;
  /**
   * Who the decision is about. Members of these organisations and these people may not decide
   * it (a talent who is also staff never decides their own request); the owning module decides
   * which of them hear the outcome.
   */
  parties: { organisationIds: string[]; userIds: string[] };
  /** What staff read in the queue (it may name both parties: parties never see it). */
  summary: string;
  details?: Record<string, unknown>;
  /**
   * The same as `details`, as the text of a JSON object, for bulk callers that read it from their
   * own tables as text (a matching run's thousands of explanations need not be parsed and
   * serialised again). PostgreSQL refuses text that is not JSON, failing the caller's transaction.
   */
  detailsJson?: string;
  /** A person who asked for the decision; they may not decide it and are told the outcome. */
  requestedBy?: string | null;
  dueAt?: Date;
}

export interface RequestOptions {
  /**
   * Mail the cluster's staff about each request (default). A matching run's hundreds of
   * proposals are left to the queue instead.
   */
  notifyStaff?: boolean;
}

/**
 * The approvals port: a module files requests (in its own transaction, set-based) and withdraws
 * those whose subject went away. The outcome comes back as the `approval.decided` domain event,
 * to which the owning module reacts, telling the parties what it decides they should hear.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
  ) {}

  /** Files the requests, audited, one statement per 5,000; their ids in input order. */
  async requestMany(em: EntityManager, actor: Actor | null, requests: ApprovalRequestInput[], options: RequestOptions = {}): Promise<string[]> {
    const ids = requests.map((r) => r.id ?? randomUUID());
    const defaultDue = new Date(Date.now() + this.config.APPROVAL_DUE_DAYS * 24 * 3600 * 1000);
    const dueAt = requests.map((r) => (r.dueAt ?? defaultDue).toISOString());
    for (let i = 0; i < requests.length; i += 5000) {
      const rows = requests.slice(i, i + 5000).map((r, j) => {
        const row = JSON.stringify({
          id: ids[i + j], cluster_id: r.clusterId, subject_kind: r.subjectKind, subject_id: r.subjectId,
          party_organisation_ids: r.parties.organisationIds, party_user_ids: r.parties.userIds, summary: r.summary,
          requested_by: r.requestedBy ?? null, due_at: dueAt[i + j],
        });
        return `${row.slice(0, -1)},"details":${r.detailsJson ?? JSON.stringify(r.details ?? {})}}`;
      });
      await em.query(
        `INSERT INTO approval_requests (id, cluster_id, subject_kind, subject_id, party_organisation_ids, party_user_ids, summary, details, requested_by, due_at, status)
         SELECT r.id, r.cluster_id, r.subject_kind, r.subject_id, r.party_organisation_ids, r.party_user_ids,
                r.summary, r.details, r.requested_by, r.due_at, 'pending'
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, cluster_id uuid, subject_kind text, subject_id uuid,
              party_organisation_ids uuid[], party_user_ids uuid[], summary text, details jsonb, requested_by uuid, due_at timestamptz)`,
        [`[${rows.join(',')}]`],
      );
    }
    await this.audit.recordMany(em, actor, requests.map((r, i) => ({
      action: 'approval.requested', subjectKind: 'approval_request', subjectId: ids[i], clusterId: r.clusterId,
      after: { subjectKind: r.subjectKind, subjectId: r.subjectId, summary: r.summary },
    })));
    if (options.notifyStaff ?? true) await this.mailStaff(em, requests, ids, dueAt);
    return ids;
  }

  /** Withdraws the open requests of these subjects (idempotent), audited; how many it withdrew. */
  async withdrawMany(em: EntityManager, actor: Actor | null, subjectKind: ApprovalKind, subjectIds: string[]): Promise<number> {
    if (subjectIds.length === 0) return 0;
    const withdrawn: { id: string; cluster_id: string }[] = await em.query(
      // A top-level SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH withdrawn AS (
         UPDATE approval_requests SET status = 'withdrawn', decided_at = now()
         WHERE subject_kind = $1 AND subject_id = ANY($2::uuid[]) AND status = 'pending'
         RETURNING id, cluster_id)
       SELECT * FROM withdrawn`,
      [subjectKind, subjectIds],
    );
    await this.audit.recordMany(em, actor, withdrawn.map((w) => ({
      action: 'approval.withdrawn', subjectKind: 'approval_request', subjectId: w.id, clusterId: w.cluster_id,
      before: { status: 'pending' }, after: { status: 'withdrawn' },
    })));
    return withdrawn.length;
  }

  private async mailStaff(em: EntityManager, requests: ApprovalRequestInput[], ids: string[], dueAt: string[]): Promise<void> {
    const staffOf = new Map<string, Awaited<ReturnType<UsersService['staffOf']>>>();
    for (const clusterId of new Set(requests.map((r) => r.clusterId))) staffOf.set(clusterId, await this.users.staffOf(em, clusterId));
    await this.notifications.notifyMany(em, requests.flatMap((r, i) => staffOf.get(r.clusterId)!.map((s) => ({
      to: { userId: s.id, email: s.email, locale: s.locale },
      category: 'approvals' as const,
      template: 'approvals.requested' as const,
      data: { approvalId: ids[i], kind: r.subjectKind, summary: r.summary, dueAt: dueAt[i] },
      clusterId: r.clusterId,
    }))));
  }
}
