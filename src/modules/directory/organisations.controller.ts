import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/decorators';
import { ApiProblems, ProblemCodes } from '../../platform/http/api-problems.decorator';
import { PageQuery } from '../../platform/http/pagination';
import { uuidParam } from '../../platform/http/validation';
import { InvitationPage, InvitationView, InviteMemberDto, MemberPage } from './dto/member.dto';
import {
  CreateOrganisationDto,
  ListOrganisationsQuery,
  OrganisationPage,
  OrganisationView,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { InvitationsService } from './invitations.service';
import { MembersService } from './members.service';
import { OrganisationsService } from './organisations.service';
import { PendingInvitationsService } from './pending-invitations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
@Roles('admin', 'staff', 'member')
@ApiProblems(400, 401, 403)
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
    private readonly pending: PendingInvitationsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Organisations you may see: your cluster\'s (staff), any (admin), your own (members).' })
  @ApiResponse({ status: 200, type: OrganisationPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListOrganisationsQuery): Promise<OrganisationPage> {
    return this.organisations.list(actor, query);
  }

  @Post()
  @Roles('admin', 'staff')
  @ApiOperation({ summary: 'Add an organisation to your cluster (staff).' })
  @ApiResponse({ status: 201, type: OrganisationView })
  @ApiProblems(404)
  @ProblemCodes('directory.cluster_not_found', 'directory.not_allowed')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation.' })
  @ApiResponse({ status: 200, type: OrganisationView })
  @ApiProblems(404)
  @ProblemCodes('directory.organisation_not_found')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<OrganisationView> {
    return this.organisations.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit an organisation (its members or its cluster\'s staff).' })
  @ApiResponse({ status: 200, type: OrganisationView })
  @ApiProblems(404)
  @ProblemCodes('directory.organisation_not_found', 'directory.not_allowed')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateOrganisationDto,
  ): Promise<OrganisationView> {
    return this.organisations.update(actor, id, dto);
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'People who act for the organisation, newest first, a page at a time.' })
  @ApiResponse({ status: 200, type: MemberPage })
  @ApiProblems(404)
  @ProblemCodes('directory.organisation_not_found')
  listMembers(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<MemberPage> {
    return this.members.list(actor, id, query);
  }

  @Post(':id/members')
  @ApiOperation({ summary: 'Invite someone by email to act for the organisation (owner or staff).' })
  @ApiResponse({ status: 201, type: InvitationView })
  @ApiProblems(404, 409)
  @ProblemCodes('directory.organisation_not_found', 'directory.not_allowed', 'directory.already_member')
  invite(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Body() dto: InviteMemberDto,
  ): Promise<InvitationView> {
    return this.invitations.inviteMember(actor, id, dto);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (owner or staff), or leave the organisation yourself.' })
  @ApiResponse({ status: 204, description: 'Done; no body.' })
  @ApiProblems(404, 409)
  @ProblemCodes('directory.organisation_not_found', 'directory.not_allowed', 'directory.member_not_found', 'directory.last_owner')
  removeMember(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Param('userId', uuidParam('userId')) userId: string,
  ): Promise<void> {
    return this.members.remove(actor, id, userId);
  }

  @Get(':id/invitations')
  @ApiOperation({ summary: 'Pending invitations to the organisation, newest first (owner or staff).' })
  @ApiResponse({ status: 200, type: InvitationPage })
  @ApiProblems(404)
  @ProblemCodes('directory.organisation_not_found', 'directory.not_allowed')
  listInvitations(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<InvitationPage> {
    return this.pending.list(actor, { organisationId: id }, query);
  }

  @Delete(':id/invitations/:invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a pending invitation (owner or staff); one accepted, revoked or expired is a 409 with its state.' })
  @ApiResponse({ status: 204, description: 'Done; no body.' })
  @ApiProblems(404, 409)
  @ProblemCodes('directory.organisation_not_found', 'directory.not_allowed', 'directory.invitation_not_found', 'common.invalid_transition')
  revokeInvitation(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Param('invitationId', uuidParam('invitationId')) invitationId: string,
  ): Promise<void> {
    return this.pending.revoke(actor, { organisationId: id }, invitationId);
  }
}
