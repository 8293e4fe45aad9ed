import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/decorators';
import { ApiProblems, ProblemCodes } from '../../platform/http/api-problems.decorator';
import { PageQuery } from '../../platform/http/pagination';
import { uuidParam } from '../../platform/http/validation';
import { ClustersService } from './clusters.service';
import { AddPartnerDto, AddRegionDto, ClusterListView, ClusterPage, ClusterView, CreateClusterDto, InviteStaffDto } from './dto/cluster.dto';
import { InvitationPage, InvitationView } from './dto/member.dto';
import { InvitationsService } from './invitations.service';
import { PendingInvitationsService } from './pending-invitations.service';

@ApiTags('clusters')
@ApiBearerAuth()
@Controller('clusters')
@ApiProblems(400, 401)
export class ClustersController {
  constructor(
    private readonly clusters: ClustersService,
    private readonly invitations: InvitationsService,
    private readonly pending: PendingInvitationsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All clusters with their regions, newest first, a page at a time.' })
  @ApiResponse({ status: 200, type: ClusterPage })
  list(@Query() query: PageQuery): Promise<ClusterPage> {
    return this.clusters.list(query);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a cluster with its regions (admin).' })
  @ApiResponse({ status: 201, type: ClusterView })
  @ApiProblems(403, 409)
  @ProblemCodes('directory.not_allowed')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateClusterDto): Promise<ClusterView> {
    return this.clusters.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One cluster with its regions.' })
  @ApiResponse({ status: 200, type: ClusterView })
  @ApiProblems(404)
  @ProblemCodes('directory.cluster_not_found')
  get(@Param('id', uuidParam()) id: string): Promise<ClusterView> {
    return this.clusters.get(id);
  }

  @Post(':id/regions')
  @Roles('admin', 'staff')
  @ApiOperation({ summary: 'Add a region to the cluster (its staff or an admin).' })
  @ApiResponse({ status: 201, type: ClusterView })
  @ApiProblems(403, 404)
  @ProblemCodes('directory.cluster_not_found', 'directory.not_allowed')
  addRegion(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: AddRegionDto): Promise<ClusterView> {
    return this.clusters.addRegion(actor, id, dto);
  }

  @Get(':id/partners')
  @ApiOperation({ summary: 'Partner clusters that exchanges can cross to, newest first, a page at a time.' })
  @ApiResponse({ status: 200, type: ClusterPage })
  @ApiProblems(404)
  @ProblemCodes('directory.cluster_not_found')
  partners(@Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<ClusterPage> {
    return this.clusters.partners(id, query);
  }

  @Post(':id/partners')
  @Roles('admin')
  @ApiOperation({ summary: 'Link a partner cluster (admin); the link works both ways.' })
  @ApiResponse({ status: 201, type: ClusterListView, description: 'The partner cluster just linked.' })
  @ApiProblems(403, 404, 409)
  @ProblemCodes('directory.cluster_not_found', 'directory.not_allowed', 'directory.self_partnership', 'directory.partnership_exists')
  async addPartner(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: AddPartnerDto): Promise<ClusterListView> {
    return { items: await this.clusters.addPartner(actor, id, dto.partnerClusterId) };
  }

  @Delete(':id/partners/:partnerId')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unlink a partner cluster (admin).' })
  @ApiResponse({ status: 204, description: 'Done; no body.' })
  @ApiProblems(403)
  @ProblemCodes('directory.not_allowed')
  removePartner(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Param('partnerId', uuidParam('partnerId')) partnerId: string,
  ): Promise<void> {
    return this.clusters.removePartner(actor, id, partnerId);
  }

  @Post(':id/staff')
  @Roles('admin')
  @ApiOperation({ summary: 'Create a staff account for the cluster (admin): the person is emailed an invitation.' })
  @ApiResponse({ status: 201, type: InvitationView })
  @ApiProblems(403, 404)
  @ProblemCodes('directory.cluster_not_found', 'directory.not_allowed')
  inviteStaff(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: InviteStaffDto): Promise<InvitationView> {
    return this.invitations.inviteStaff(actor, id, dto.email);
  }

  @Get(':id/invitations')
  @Roles('admin')
  @ApiOperation({ summary: 'Pending staff invitations of the cluster, newest first (admin).' })
  @ApiResponse({ status: 200, type: InvitationPage })
  @ApiProblems(403, 404)
  @ProblemCodes('directory.cluster_not_found', 'directory.not_allowed')
  listInvitations(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<InvitationPage> {
    return this.pending.list(actor, { clusterId: id }, query);
  }

  @Delete(':id/invitations/:invitationId')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a pending staff invitation (admin); one accepted, revoked or expired is a 409 with its state.' })
  @ApiResponse({ status: 204, description: 'Done; no body.' })
  @ApiProblems(403, 404, 409)
  @ProblemCodes('directory.cluster_not_found', 'directory.not_allowed', 'directory.invitation_not_found', 'common.invalid_transition')
  revokeInvitation(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Param('invitationId', uuidParam('invitationId')) invitationId: string,
  ): Promise<void> {
    return this.pending.revoke(actor, { clusterId: id }, invitationId);
  }
}
