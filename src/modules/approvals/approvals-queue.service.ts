import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { scopeToActor, visibleOr404 } from '../../platform/access/actor-scope';
import { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { InvalidTransitionError } from '../../platform/http/domain-error';
import { paginate } from '../../platform/http/pagination';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../identity/users.service';
import { ApprovalRequest } from './approval-request.entity';
import { approvalView } from './approval-view';
import { approvalsAccess } from './approvals-access';
import { ApprovalNotFoundError, InvalidAssigneeError } from './approvals.errors';
import { ApprovalPage, ApprovalQuery, ApprovalView } from './dto/approval.dto';

/** The staff review queue: one list across every kind of decision, scoped to the staff's cluster. */
@Injectable()
export class ApprovalsQueueService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: ApprovalQuery): Promise<ApprovalPage> {
    const qb = this.uow.reader.createQueryBuilder(ApprovalRequest, 'r');
    scopeToActor(qb, actor, approvalsAccess.scope);
    if (query.kind) qb.andWhere('r.subject_kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.assignee === 'none') qb.andWhere('r.assignee_id IS NULL');
    else if (query.assignee) qb.andWhere('r.assignee_id = :assignee', { assignee: query.assignee === 'me' ? actor.userId : query.assignee });
    if (query.overdue) qb.andWhere("r.status = 'pending' AND r.due_at < now()");
    const page = await paginate(qb, query);
    return { items: page.items.map((r) => approvalView(r)), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<ApprovalView> {
    return approvalView(await this.visible(this.uow.reader, actor, id));
  }

  async assign(actor: Actor, id: string, assigneeId: string): Promise<ApprovalView> {
    return this.uow.run(async (em) => {
      const request = await this.visible(em, actor, id, true);
      if (request.status !== 'pending') throw new InvalidTransitionError('The approval request', request.status, 'be assigned');
      if (!(await this.users.isStaffOf(em, assigneeId, request.clusterId))) throw new InvalidAssigneeError();
      const before = { assigneeId: request.assigneeId };
      request.assigneeId = assigneeId;
      await em.update(ApprovalRequest, { id }, { assigneeId });
      await this.audit.record(em, actor, {
        action: 'approval.assigned', subjectKind: 'approval_request', subjectId: id, clusterId: request.clusterId,
        before, after: { assigneeId },
      });
      return approvalView(request);
    });
  }

  /** The request if the actor may see it (admin, or staff of its cluster); otherwise "not found". */
  async visible(em: EntityManager, actor: Actor, id: string, lock = false): Promise<ApprovalRequest> {
    const request = await em.findOne(ApprovalRequest, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return visibleOr404(request, (r) => approvalsAccess.seesRequest(actor, r), () => new ApprovalNotFoundError());
  }
}
