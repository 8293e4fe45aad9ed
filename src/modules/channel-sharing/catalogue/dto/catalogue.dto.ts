import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../../../../platform/http/pagination';
import { OptionalButNotNull } from '../../../../platform/http/text.decorators';
import { IsCountryCode, IsNaicsCode } from '../../../directory/reference-data';
import { CHANNEL_TYPES, ChannelType } from '../../matching/scoring';
import { PRICE_BANDS, PriceBand } from '../product.entity';
import { IsDecimal } from '../../../../platform/http/decimal.decorator';

const slugs = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)))] : value;
const countries = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v)))] : value;

export class CreateProductDto {
  @ApiProperty({ format: 'uuid', description: 'An organisation you act for.' }) @IsUUID() organisationId: string;
  @ApiProperty({ example: 'Recycled HDPE pipe fittings' }) @IsString() @MinLength(2) @MaxLength(200) name: string;

  @ApiProperty({ example: '326199', description: 'NAICS 2017 6-digit industry' })
  @Matches(/^\d{6}$/, { message: 'category must be a 6-digit NAICS code' })
  @IsNaicsCode()
  category: string;

  @ApiProperty({ minimum: 1, maximum: 5, description: '1 economy … 5 premium' }) @IsInt() @Min(1) @Max(5) grade: number;

  @ApiProperty({ type: [String], example: ['utilities', 'industry'] })
  @Transform(slugs)
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9 _-]{0,39}$/, { each: true, message: 'each segment must be 1-40 letters, digits, spaces, - or _' })
  segments: string[];

  @ApiProperty({ type: [String], example: ['FI', 'SE'], description: 'ISO 3166-1 alpha-2' })
  @Transform(countries)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsCountryCode({ each: true })
  markets: string[];

  @ApiPropertyOptional({ enum: PRICE_BANDS }) @IsOptional() @IsIn(PRICE_BANDS) priceBand?: PriceBand;
}

/** Every field optional; one sent as `null` is refused by its rules unless it can be cleared (priceBand). */
export class UpdateProductDto extends PartialType(OmitType(CreateProductDto, ['organisationId'] as const), { skipNullProperties: false }) {}

export class CreateChannelDto {
  @ApiProperty({ format: 'uuid', description: 'An organisation you act for.' }) @IsUUID() organisationId: string;
  @ApiProperty({ example: 'Nordic utilities distributor network' }) @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) @IsIn(CHANNEL_TYPES) type: ChannelType;

  @ApiProperty({ type: [String], example: ['FI', 'SE', 'NO'] })
  @Transform(countries)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsCountryCode({ each: true })
  markets: string[];

  @ApiProperty({ type: [String], example: ['utilities'] })
  @Transform(slugs)
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9 _-]{0,39}$/, { each: true, message: 'each segment must be 1-40 letters, digits, spaces, - or _' })
  segments: string[];

  @ApiProperty({ example: 120, description: 'Total capacity, in capacityUnit.' }) @IsInt() @Min(1) @Max(1_000_000_000) capacity: number;
  @ApiProperty({ example: 'pallets a month' }) @IsString() @MinLength(1) @MaxLength(60) capacityUnit: string;
  @ApiProperty({ example: 12.5, description: 'Commission the channel accepts, in percent.' })
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  commissionPct: number;
  @ApiPropertyOptional({ default: true }) @OptionalButNotNull() @IsBoolean() active?: boolean;
}

/** Every field optional; one sent as `null` is refused by its rules. */
export class UpdateChannelDto extends PartialType(OmitType(CreateChannelDto, ['organisationId'] as const), { skipNullProperties: false }) {}

export class CatalogueQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organisationId?: string;
}

export class ProductView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty() name: string;
  @ApiProperty() category: string;
  @ApiProperty({ nullable: true, type: String }) categoryTitle: string | null;
  @ApiProperty({ type: 'integer' }) grade: number;
  @ApiProperty({ type: [String] }) segments: string[];
  @ApiProperty({ type: [String] }) markets: string[];
  @ApiProperty({ enum: PRICE_BANDS, nullable: true, type: String }) priceBand: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ProductPage {
  @ApiProperty({ type: [ProductView] }) items: ProductView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ChannelView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) type: string;
  @ApiProperty({ type: [String] }) markets: string[];
  @ApiProperty({ type: [String] }) segments: string[];
  @ApiProperty({ type: 'integer' }) capacity: number;
  @ApiProperty({ type: 'integer' }) usedCapacity: number;
  @ApiProperty({ type: 'integer' }) spareCapacity: number;
  @ApiProperty() capacityUnit: string;
  @ApiProperty() commissionPct: number;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ChannelPage {
  @ApiProperty({ type: [ChannelView] }) items: ChannelView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
