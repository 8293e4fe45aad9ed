import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { IsLanguageCode } from '../reference-data';

export class UpsertTalentProfileDto {
  @ApiProperty({ format: 'uuid', description: 'The cluster the talent belongs to and returns to.' })
  @IsUUID()
  homeClusterId: string;

  @ApiPropertyOptional({ example: 'Bioprocess engineer, 6 years in biologics scale-up' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  headline?: string;

  @ApiProperty({ type: [String], example: ['bioprocess', 'GMP', 'downstream purification'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(60, { each: true })
  skills: string[];

  @ApiProperty({ type: [String], example: ['da', 'en'], description: 'ISO 639-1 codes' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsLanguageCode({ each: true })
  languages: string[];

  @ApiProperty({ example: 6 })
  @IsInt()
  @Min(0)
  @Max(70)
  yearsOfExperience: number;
}

export class ListTalentsQuery extends PageQuery {}

export class TalentView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid' }) homeClusterId: string;
  @ApiProperty({ nullable: true, type: String }) headline: string | null;
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ type: 'integer' }) yearsOfExperience: number;
  @ApiProperty() updatedAt: string;
}

export class TalentPage {
  @ApiProperty({ type: [TalentView] }) items: TalentView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
