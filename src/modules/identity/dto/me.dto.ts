import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { OptionalButNotNull } from '../../../platform/http/text.decorators';
import { LOCALES } from '../../notifications/templates/template.types';
import { ORGANISATION_ROLES, ROLES } from '../../../platform/auth/actor';

export class MembershipView {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role: string;
}

export class MeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty({
    format: 'uuid', nullable: true, type: String,
    description: 'Staff: the cluster you work for (an admin assigns it); null otherwise. A talent\'s home cluster is on the talent profile.',
  })
  clusterId: string | null;
  @ApiProperty({ type: [MembershipView] }) organisations: MembershipView[];
  @ApiProperty({ enum: LOCALES }) locale: string;
  @ApiProperty() emailVerified: boolean;
  @ApiProperty() createdAt: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional()
  @OptionalButNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of the emails you receive.' })
  @OptionalButNotNull()
  @IsIn(LOCALES)
  locale?: string;

  @ApiPropertyOptional({ description: 'Required when newPassword is given.' })
  @ValidateIf((o: UpdateMeDto) => o.newPassword !== undefined)
  @IsString()
  @MaxLength(128)
  currentPassword?: string;

  @ApiPropertyOptional({ minLength: 10, maxLength: 128 })
  @OptionalButNotNull()
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  newPassword?: string;
}
