import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '../../../../platform/http/pagination';
import { IsNaicsCode } from '../../../directory/reference-data';
import { RULE_SOURCES } from '../complementarity-rule.entity';
import { IsDecimal } from '../../../../platform/http/decimal.decorator';

export class RuleQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins name the cluster; staff get their own.' })
  @IsOptional()
  @IsUUID()
  clusterId?: string;
}

export class CreateRuleDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to your cluster.' }) @IsOptional() @IsUUID() clusterId?: string;
  @ApiProperty({ example: '326199' }) @Matches(/^\d{6}$/, { message: 'categoryA must be a 6-digit NAICS code' }) @IsNaicsCode() categoryA: string;
  @ApiProperty({ example: '333318' }) @Matches(/^\d{6}$/, { message: 'categoryB must be a 6-digit NAICS code' }) @IsNaicsCode() categoryB: string;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.7 }) @IsDecimal(3) @Min(0) @Max(1) weight: number;
}

export class UpdateRuleDto {
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.7 }) @IsDecimal(3) @Min(0) @Max(1) weight: number;
}

export class SeedRulesDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to your cluster.' }) @IsOptional() @IsUUID() clusterId?: string;
}

export class RuleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty() categoryA: string;
  @ApiProperty({ nullable: true, type: String }) categoryATitle: string | null;
  @ApiProperty() categoryB: string;
  @ApiProperty({ nullable: true, type: String }) categoryBTitle: string | null;
  @ApiProperty() weight: number;
  @ApiProperty({ enum: RULE_SOURCES }) source: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Smoothed acceptance rate of staff decisions on this pair.' })
  learnedWeight: number | null;
  @ApiProperty({ type: 'integer' }) decisionsApproved: number;
  @ApiProperty({ type: 'integer' }) decisionsTotal: number;
}

export class RulePage {
  @ApiProperty({ type: [RuleView] }) items: RuleView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SeededView {
  @ApiProperty({ type: 'integer', description: 'Rules added from the taxonomy (existing pairs are kept as they are).' }) added: number;
  @ApiProperty({ type: 'integer', description: 'Default rules not added because one call adds at most 500; call again to add them.' }) remaining: number;
}
