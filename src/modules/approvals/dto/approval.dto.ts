import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { Trim } from '../../../platform/http/text.decorators';
import { PageQuery } from '../../../platform/http/pagination';
import { APPROVAL_KINDS, APPROVAL_STATUSES, ApprovalKind, ApprovalStatus } from '../approval-request.entity';

export class ApprovalQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPROVAL_KINDS }) @IsOptional() @IsIn(APPROVAL_KINDS) kind?: ApprovalKind;
  @ApiPropertyOptional({ enum: APPROVAL_STATUSES }) @IsOptional() @IsIn(APPROVAL_STATUSES) status?: ApprovalStatus;
  @ApiPropertyOptional({
    description: 'A staff user id, or `me`, or `none` for unassigned.',
    pattern: '^(me|none|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$',
  })
  // IsUUID applies only when the value is not `me`/`none`: the pattern above says it all.
  @JSONSchema(() => ({ type: 'string' }))
  @IsOptional()
  @ValidateIf((q: ApprovalQuery) => q.assignee !== 'me' && q.assignee !== 'none')
  @IsUUID()
  assignee?: string;
  @ApiPropertyOptional({ description: 'Only pending requests past their due date.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}

export class AssignDto {
  @ApiProperty({ format: 'uuid', description: 'A staff member of the request\'s cluster.' })
  @IsUUID()
  assigneeId: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'])
  decision: 'approved' | 'rejected';

  @ApiPropertyOptional({ description: 'Required when rejecting; kept with the decision, and mailed to the parties where they hear the outcome (not for channel matches, whose parties never saw the proposal).' })
  @ValidateIf((d: DecisionDto) => d.decision === 'rejected' || d.reason !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required when rejecting' })
  @MaxLength(2000)
  reason?: string;
}

export class ApprovalView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty({ enum: APPROVAL_KINDS }) subjectKind: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } }) partyOrganisationIds: string[];
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } }) partyUserIds: string[];
  @ApiProperty() summary: string;
  @ApiProperty({ description: 'What the reviewer needs to decide.' }) details: Record<string, unknown>;
  @ApiProperty({ enum: APPROVAL_STATUSES }) status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) requestedBy: string | null;
  @ApiProperty() dueAt: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() createdAt: string;
}

export class ApprovalPage {
  @ApiProperty({ type: [ApprovalView] }) items: ApprovalView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
