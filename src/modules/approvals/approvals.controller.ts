import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/decorators';
import { ApiProblems, ProblemCodes } from '../../platform/http/api-problems.decorator';
import { uuidParam } from '../../platform/http/validation';
import { ApprovalsQueueService } from './approvals-queue.service';
import { DecideApprovalService } from './decide-approval.service';
import { ApprovalPage, ApprovalQuery, ApprovalView, AssignDto, DecisionDto } from './dto/approval.dto';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approvals')
@Roles('admin', 'staff')
@ApiProblems(400, 401, 403)
export class ApprovalsController {
  constructor(
    private readonly queue: ApprovalsQueueService,
    private readonly decisions: DecideApprovalService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Your cluster\'s review queue across every kind of decision, newest first.' })
  @ApiResponse({ status: 200, type: ApprovalPage })
  list(@CurrentActor() actor: Actor, @Query() query: ApprovalQuery): Promise<ApprovalPage> {
    return this.queue.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One request with what the reviewer needs to decide.' })
  @ApiResponse({ status: 200, type: ApprovalView })
  @ApiProblems(404)
  @ProblemCodes('approvals.not_found')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<ApprovalView> {
    return this.queue.get(actor, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign a pending request to a staff member of its cluster.' })
  @ApiResponse({ status: 200, type: ApprovalView })
  @ApiProblems(404, 409)
  @ProblemCodes('approvals.not_found', 'approvals.invalid_assignee', 'common.invalid_transition')
  assign(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: AssignDto): Promise<ApprovalView> {
    return this.queue.assign(actor, id, dto.assigneeId);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve or reject, once. A reason is required to reject. Staff who are members of a party organisation may not decide.',
  })
  @ApiResponse({ status: 200, type: ApprovalView })
  @ApiProblems(404, 409)
  @ProblemCodes('approvals.not_found', 'approvals.party_cannot_decide', 'approvals.conflict_of_interest', 'common.invalid_transition')
  decide(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: DecisionDto): Promise<ApprovalView> {
    return this.decisions.decide(actor, id, dto);
  }
}
