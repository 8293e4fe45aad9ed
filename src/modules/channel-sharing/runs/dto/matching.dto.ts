import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { RUN_STATUSES, RUN_TRIGGERS, RunTrigger } from '../matching-run.entity';

export class StartRunDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to your cluster.' }) @IsOptional() @IsUUID() clusterId?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10, description: 'Pairs kept per channel and per product.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  k?: number;
}

export class MatchingRunView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Set for an incremental refresh of one organisation.' })
  organisationId: string | null;
  @ApiProperty({ enum: RUN_TRIGGERS, description: 'What started it: staff, the nightly schedule, a complementarity-rule change, or an organisation\'s edit.' })
  trigger: RunTrigger;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The staff member who started it.' }) requestedBy: string | null;
  @ApiProperty({ enum: RUN_STATUSES }) status: string;
  @ApiProperty({ type: 'integer' }) k: number;
  @ApiProperty({ type: 'integer' }) channels: number;
  @ApiProperty({ type: 'integer' }) products: number;
  @ApiProperty({ type: 'integer' }) shardsTotal: number;
  @ApiProperty({ nullable: true, type: 'integer' }) shardsDone: number | null;
  @ApiProperty({ nullable: true, type: 'integer', minimum: 0, maximum: 100 }) progressPct: number | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'Pairs scored by finished shards.' }) pairsScored: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) pairsKept: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) proposalsCreated: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) proposalsUpdated: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) proposalsExpired: number | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'CPU time the shards took, summed.' }) shardMillis: number | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'From start to finalisation.' }) elapsedMillis: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

export class MatchingRunPage {
  @ApiProperty({ type: [MatchingRunView] }) items: MatchingRunView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
