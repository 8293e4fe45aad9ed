import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NormalizeEmail } from '../../../platform/http/normalize-email.decorator';
import { ArrayMaxSize, IsArray, IsEmail, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsCountryCode } from '../reference-data';

export class CreateClusterDto {
  @ApiProperty({ example: 'Finnish Cleantech Cluster' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: 'FI', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ type: [String], example: ['Kuopio', 'Lahti', 'Oulu', 'Uusimaa'] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(80, { each: true })
  regions: string[];
}

export class AddRegionDto {
  @ApiProperty({ example: 'Oulu' })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  name: string;
}

export class AddPartnerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partnerClusterId: string;
}

export class InviteStaffDto {
  @ApiProperty({ example: 'coordinator@cluster.example' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class RegionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ClusterView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() country: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: [RegionView] }) regions: RegionView[];
  @ApiProperty() createdAt: string;
}

export class ClusterListView {
  @ApiProperty({ type: [ClusterView] }) items: ClusterView[];
}

export class ClusterPage {
  @ApiProperty({ type: [ClusterView] }) items: ClusterView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
