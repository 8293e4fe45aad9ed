import { Injectable } from '@nestjs/common';
import { Actor } from '../../platform/auth/actor';
import { MembershipLookup } from '../../platform/auth/membership-lookup';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { InvalidTransitionError } from '../../platform/http/domain-error';
import { EventBus } from '../../platform/events/event-bus';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../identity/users.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ApprovalRequest } from './approval-request.entity';
import { approvalMachine, DECISION_EVENTS } from './approval-state-machine';
import { approvalView } from './approval-view';
import { ApprovalsQueueService } from './approvals-queue.service';
import { ConflictOfInterestError, PartyCannotDecideError } from './approvals.errors';
import { ApprovalView, DecisionDto } from './dto/approval.dto';

/**
 * A staff decision, taken once. The status changes with a conditional UPDATE … WHERE status =
 * 'pending': of concurrent deciders exactly one changes a row, the others get 409 with the state
 * the winner left. In the same transaction: the audit entry, the `approval.decided` event for the
 * owning module (which tells the parties), and the requester's notification.
 */
@Injectable()
export class DecideApprovalService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly queue: ApprovalsQueueService,
    private readonly memberships: MembershipLookup,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly notifications: NotificationsService,
  ) {}

  async decide(actor: Actor, id: string, dto: DecisionDto): Promise<ApprovalView> {
    const reason = dto.reason?.trim() || null;
    return this.uow.run(async (em) => {
      const request = await this.queue.visible(em, actor, id);
      if (request.partyUserIds.includes(actor.userId) || request.requestedBy === actor.userId) throw new PartyCannotDecideError();
      const mine = await this.memberships.forUser(actor.userId, em);
      if (mine.some((m) => request.partyOrganisationIds.includes(m.id))) throw new ConflictOfInterestError();

      const to = approvalMachine.next(request.status, DECISION_EVENTS[dto.decision], { reason });
      const decidedAt = new Date();
      const result = await em
        .createQueryBuilder()
        .update(ApprovalRequest)
        .set({ status: to, decidedBy: actor.userId, decidedAt, reason })
        .where("id = :id AND status = 'pending'", { id })
        .execute();
      if (result.affected !== 1) {
        const current = await em.findOneByOrFail(ApprovalRequest, { id });
        throw new InvalidTransitionError('The approval request', current.status, DECISION_EVENTS[dto.decision]);
      }
      const decided = Object.assign(request, { status: to, decidedBy: actor.userId, decidedAt, reason });

      await this.audit.record(em, actor, {
        action: 'approval.decided', subjectKind: 'approval_request', subjectId: id, clusterId: request.clusterId,
        before: { status: 'pending' }, after: { status: to, reason },
      });
      await this.events.publish(em, 'approval.decided', {
        approvalId: id, clusterId: request.clusterId, subjectKind: request.subjectKind, subjectId: request.subjectId,
        decision: dto.decision, decidedBy: actor.userId, reason,
      });
      // The owning module tells the parties (it knows what they may see of each other); the
      // queue tells only whoever asked for the decision.
      const recipients = await this.users.contacts(em, request.requestedBy ? [request.requestedBy] : []);
      await this.notifications.notifyMany(em, recipients.map((u) => ({
        to: { userId: u.id, email: u.email, locale: u.locale },
        category: 'approvals' as const,
        template: 'approvals.decided' as const,
        data: { approvalId: id, kind: request.subjectKind, summary: request.summary, decision: dto.decision, reason },
        clusterId: request.clusterId,
      })));
      return approvalView(decided);
    });
  }
}
