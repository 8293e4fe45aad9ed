import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsIsoDateOrInstant } from '../../../platform/http/iso-date.decorators';
import { PageQuery } from '../../../platform/http/pagination';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'approval_request' }) @IsOptional() @IsString() @MaxLength(60) subjectKind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) subjectId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorUserId?: string;
  @ApiPropertyOptional({ example: 'approval.decided' }) @IsOptional() @IsString() @MaxLength(80) action?: string;
  @ApiPropertyOptional({ description: 'YYYY-MM-DD or an ISO-8601 date-time with its zone; inclusive' }) @IsOptional() @IsIsoDateOrInstant() from?: string;
  @ApiPropertyOptional({ description: 'YYYY-MM-DD or an ISO-8601 date-time with its zone; exclusive' }) @IsOptional() @IsIsoDateOrInstant() to?: string;
}

export class AuditEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) clusterId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty() action: string;
  @ApiProperty() subjectKind: string;
  @ApiProperty() subjectId: string;
  @ApiProperty({ description: '{ field: { before, after } }; secrets are never stored.' })
  changes: Record<string, { before: unknown; after: unknown }>;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty() createdAt: string;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
