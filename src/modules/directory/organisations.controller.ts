import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/decorators';
import { ApiProblems } from '../../platform/http/api-problems.decorator';
import { uuidParam } from '../../platform/http/validation';
import { InvitationView, InviteMemberDto, MemberListView } from './dto/member.dto';
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
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation.' })
  @ApiResponse({ status: 200, type: OrganisationView })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<OrganisationView> {
    return this.organisations.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit an organisation (its members or its cluster\'s staff).' })
  @ApiResponse({ status: 200, type: OrganisationView })
  @ApiProblems(404)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateOrganisationDto,
  ): Promise<OrganisationView> {
    return this.organisations.update(actor, id, dto);
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'People who act for the organisation.' })
  @ApiResponse({ status: 200, type: MemberListView })
  @ApiProblems(404)
  async listMembers(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<MemberListView> {
    return { items: await this.members.list(actor, id) };
  }

  @Post(':id/members')
  @ApiOperation({ summary: 'Invite someone by email to act for the organisation (owner or staff).' })
  @ApiResponse({ status: 201, type: InvitationView })
  @ApiProblems(404, 409)
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
  removeMember(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Param('userId', uuidParam('userId')) userId: string,
  ): Promise<void> {
    return this.members.remove(actor, id, userId);
  }
}
