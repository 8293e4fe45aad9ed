import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DataSubject, PersonalDataContributor } from '../../../platform/personal-data/personal-data';
import { PersonalDataRegistry } from '../../../platform/personal-data/personal-data-registry';
import { ApprovalRequest } from '../approval-request.entity';
import { APPROVALS_PERSONAL_DATA } from './approvals.personal-data';

/**
 * Approval requests name people by id only (requester, assignee, decider, parties), which point
 * to a pseudonymised account after erasure; decisions are the cluster's record and are never
 * rewritten, so erasure leaves them. The export lists what the person requested, was assigned or
 * decided, or was a party to.
 */
@Injectable()
export class ApprovalsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly declaration = APPROVALS_PERSONAL_DATA;

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(em: EntityManager, subject: DataSubject): Promise<unknown> {
    const rows = await em
      .createQueryBuilder(ApprovalRequest, 'a')
      .where('a.requested_by = :id OR a.assignee_id = :id OR a.decided_by = :id OR :id = ANY(a.party_user_ids)', { id: subject.userId })
      .orderBy('a.created_at', 'ASC')
      .getMany();
    return {
      approvals: rows.map((a) => ({
        id: a.id,
        kind: a.subjectKind,
        subjectId: a.subjectId,
        status: a.status,
        summary: a.summary,
        requestedByYou: a.requestedBy === subject.userId,
        assignedToYou: a.assigneeId === subject.userId,
        decidedByYou: a.decidedBy === subject.userId,
        reason: a.decidedBy === subject.userId ? a.reason : null,
        decidedAt: a.decidedAt?.toISOString() ?? null,
        createdAt: a.createdAt.toISOString(),
      })),
    };
  }

  async erase(): Promise<void> {
    // Ids only: nothing readable to erase (ADR 0011).
  }
}
