import { ApprovalRequest } from './approval-request.entity';
import { ApprovalView } from './dto/approval.dto';

export function approvalView(r: ApprovalRequest, now = Date.now()): ApprovalView {
  return {
    id: r.id,
    clusterId: r.clusterId,
    subjectKind: r.subjectKind,
    subjectId: r.subjectId,
    partyOrganisationIds: r.partyOrganisationIds,
    partyUserIds: r.partyUserIds,
    summary: r.summary,
    details: r.details,
    status: r.status,
    assigneeId: r.assigneeId,
    requestedBy: r.requestedBy,
    dueAt: r.dueAt.toISOString(),
    overdue: r.status === 'pending' && r.dueAt.getTime() < now,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
  };
}
