import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { ORGANISATION_KINDS, OrganisationKind } from '../organisation.entity';
import { IsCountryCode, IsNaicsCode } from '../reference-data';

export class CreateOrganisationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  clusterId: string;

  @ApiProperty({ example: 'Nordic Biologics ApS' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiProperty({ type: [String], example: ['325412'], description: 'NAICS 2017 codes' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsNaicsCode({ each: true })
  naicsCodes: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'A region of the cluster.' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @ApiProperty({ example: 'DK' })
  @IsCountryCode()
  country: string;

  @ApiProperty({ example: 42 })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  employeeCount: number;

  @ApiPropertyOptional({ example: 'https://nordic-biologics.example' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(300)
  website?: string;
}

/** Every field optional; one sent as `null` is refused by its rules unless it can be cleared (regionId, website). */
export class UpdateOrganisationDto extends PartialType(OmitType(CreateOrganisationDto, ['clusterId'] as const), { skipNullProperties: false }) {}

export class ListOrganisationsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff see their own cluster; admins any.' })
  @IsOptional()
  @IsUUID()
  clusterId?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ type: [String] }) naicsCodes: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) regionId: string | null;
  @ApiProperty() country: string;
  @ApiProperty({ type: 'integer' }) employeeCount: number;
  @ApiProperty({ enum: ['micro', 'small', 'medium', 'large'], description: 'EU size class from employee count.' })
  size: 'micro' | 'small' | 'medium' | 'large';
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class OrganisationPage {
  @ApiProperty({ type: [OrganisationView] }) items: OrganisationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
