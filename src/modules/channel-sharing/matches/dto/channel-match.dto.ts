import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../../../../platform/http/pagination';
import { IsIsoDate } from '../../../../platform/http/iso-date.decorators';
import { Trim } from '../../../../platform/http/text.decorators';
import { MATCH_STATUSES, MatchStatus } from '../channel-match.entity';
import { IsDecimal } from '../../../../platform/http/decimal.decorator';

export class MatchQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MATCH_STATUSES }) @IsOptional() @IsIn(MATCH_STATUSES) status?: MatchStatus;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only matches where this organisation is host or guest. A party names one of its own organisations (the other side stays anonymous until both accept).',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class AnswerMatchDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Which party you answer for; needed only if you act for both.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class DeclineMatchDto extends AnswerMatchDto {
  @ApiProperty({ example: 'Our channel is committed to another supplier this season.', minLength: 3 })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}

export class AgreementDto extends AnswerMatchDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 12.5, description: 'Commission the host takes, in %.' })
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  commissionPct: number;

  @ApiProperty({ minimum: 1, example: 20, description: 'Channel capacity allotted to the guest, in the channel\'s unit.' })
  @IsInt()
  @Min(1)
  capacityAllotted: number;

  @ApiProperty({ minimum: 1, maximum: 120, example: 24 }) @IsInt() @Min(1) @Max(120) termMonths: number;

  @ApiPropertyOptional({ example: '2027-01-01', description: 'Defaults to today.' }) @IsOptional() @IsIsoDate() startsOn?: string;
}

export class FactorView {
  @ApiProperty({ enum: ['complementarity', 'markets', 'segments', 'capacity', 'channelType'] }) factor: string;
  @ApiProperty({ description: 'The factor, 0–1.' }) value: number;
  @ApiProperty() weight: number;
  @ApiProperty({ description: 'value × weight; the contributions add up to the score.' }) contribution: number;
  @ApiProperty({ example: 'reaches 2 of the product\'s 3 target markets (FI, SE)' }) text: string;
}

export class MatchPartyView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Hidden from the other party until both accept.' }) organisationId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Hidden from the other party until both accept.' }) name: string | null;
  @ApiProperty() kind: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty() country: string;
  @ApiProperty({ example: 'small (10–49 employees)' }) size: string;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty({ nullable: true, description: 'Members to contact; shown once both accept.', type: 'array', items: { type: 'object' } })
  contacts: { name: string; email: string }[] | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acceptedAt: string | null;
}

export class MatchChannelView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Hidden from the guest until both accept.' }) id: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Hidden from the guest until both accept.' }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) type: string | null;
  @ApiProperty({ type: [String] }) markets: string[];
  @ApiProperty({ type: [String] }) segments: string[];
  @ApiProperty({ nullable: true, type: 'integer' }) capacity: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) usedCapacity: number | null;
  @ApiProperty({ nullable: true, type: String }) capacityUnit: string | null;
  @ApiProperty({ nullable: true, type: Number }) commissionPct: number | null;
  @ApiProperty({ description: 'False once the host removed the channel.' }) exists: boolean;
}

export class MatchProductView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Hidden from the host until both accept.' }) id: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Hidden from the host until both accept.' }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) category: string | null;
  @ApiProperty({ nullable: true, type: 'integer' }) grade: number | null;
  @ApiProperty({ type: [String] }) segments: string[];
  @ApiProperty({ type: [String] }) markets: string[];
  @ApiProperty({ nullable: true, type: String }) priceBand: string | null;
  @ApiProperty({ description: 'False once the guest removed the product.' }) exists: boolean;
}

export class AgreementView {
  @ApiProperty() commissionPct: number;
  @ApiProperty({ type: 'integer' }) capacity: number;
  @ApiProperty({ type: 'integer' }) termMonths: number;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty() agreedAt: string;
}

export class ChannelMatchView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty({ enum: MATCH_STATUSES }) status: MatchStatus;
  @ApiProperty({ enum: ['host', 'guest'], nullable: true, type: String, description: 'Your side; null for staff.' }) yourRole: 'host' | 'guest' | null;
  @ApiProperty({ description: 'Σ of the factors\' contributions, 0–1.' }) score: number;
  @ApiProperty({ type: [FactorView] }) explanation: FactorView[];
  @ApiProperty({ type: MatchChannelView }) channel: MatchChannelView;
  @ApiProperty({ type: MatchProductView }) product: MatchProductView;
  @ApiProperty({ type: MatchPartyView }) host: MatchPartyView;
  @ApiProperty({ type: MatchPartyView }) guest: MatchPartyView;
  @ApiProperty({ nullable: true, type: String, description: 'Answer by then, or the match expires.' }) respondBy: string | null;
  @ApiProperty({ enum: ['host', 'guest'], nullable: true, type: String }) declinedBy: 'host' | 'guest' | null;
  @ApiProperty({ nullable: true, type: String }) declineReason: string | null;
  @ApiProperty({ type: AgreementView, nullable: true }) agreement: AgreementView | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ChannelMatchPage {
  @ApiProperty({ type: [ChannelMatchView] }) items: ChannelMatchView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
