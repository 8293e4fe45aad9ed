import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NormalizeEmail } from '../../../platform/http/normalize-email.decorator';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ORGANISATION_ROLES, OrganisationRole } from '../../../platform/auth/actor';

export class InviteMemberDto {
  @ApiProperty({ example: 'sales@nordic-biologics.example' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ORGANISATION_ROLES })
  @IsIn(ORGANISATION_ROLES)
  role: OrganisationRole;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation email.' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token: string;

  @ApiProperty({
    description: 'A new password, or the current one when an account with the invited email already exists.',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  password: string;

  @ApiPropertyOptional({ description: 'Required when no account exists yet.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName?: string;
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role: OrganisationRole;
  @ApiProperty() since: string;
}

export class MemberPage {
  @ApiProperty({ type: [MemberView] }) items: MemberView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['staff', 'organisation_member'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ enum: ORGANISATION_ROLES, nullable: true, type: String }) organisationRole: string | null;
  @ApiProperty({ enum: ['pending', 'accepted', 'revoked', 'expired'] }) status: string;
  @ApiProperty({ format: 'uuid' }) invitedBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() expiresAt: string;
}

export class InvitationPage {
  @ApiProperty({ type: [InvitationView] }) items: InvitationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
