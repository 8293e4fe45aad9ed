import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/decorators';
import { ApiProblems } from '../../platform/http/api-problems.decorator';
import { uuidParam } from '../../platform/http/validation';
import { ClustersService } from './clusters.service';
import { AddPartnerDto, AddRegionDto, ClusterListView, ClusterView, CreateClusterDto, InviteStaffDto } from './dto/cluster.dto';
import { InvitationView } from './dto/member.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('clusters')
@ApiBearerAuth()
@Controller('clusters')
@ApiProblems(400, 401)
export class ClustersController {
  constructor(
    private readonly clusters: ClustersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All clusters with their regions.' })
  @ApiResponse({ status: 200, type: ClusterListView })
  async list(): Promise<ClusterListView> {
    return { items: await this.clusters.list() };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a cluster with its regions (admin).' })
  @ApiResponse({ status: 201, type: ClusterView })
  @ApiProblems(403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateClusterDto): Promise<ClusterView> {
    return this.clusters.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One cluster with its regions.' })
  @ApiResponse({ status: 200, type: ClusterView })
  @ApiProblems(404)
  get(@Param('id', uuidParam()) id: string): Promise<ClusterView> {
    return this.clusters.get(id);
  }

  @Post(':id/regions')
  @Roles('admin', 'staff')
  @ApiOperation({ summary: 'Add a region to the cluster (its staff or an admin).' })
  @ApiResponse({ status: 201, type: ClusterView })
  @ApiProblems(403, 404)
  addRegion(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: AddRegionDto): Promise<ClusterView> {
    return this.clusters.addRegion(actor, id, dto);
  }

  @Get(':id/partners')
  @ApiOperation({ summary: 'Partner clusters that exchanges can cross to.' })
  @ApiResponse({ status: 200, type: ClusterListView })
  @ApiProblems(404)
  async partners(@Param('id', uuidParam()) id: string): Promise<ClusterListView> {
    return { items: await this.clusters.partners(id) };
  }

  @Post(':id/partners')
  @Roles('admin')
  @ApiOperation({ summary: 'Link a partner cluster (admin); the link works both ways.' })
  @ApiResponse({ status: 201, type: ClusterListView })
  @ApiProblems(403, 404, 409)
  async addPartner(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: AddPartnerDto): Promise<ClusterListView> {
    return { items: await this.clusters.addPartner(actor, id, dto.partnerClusterId) };
  }

  @Delete(':id/partners/:partnerId')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unlink a partner cluster (admin).' })
  @ApiResponse({ status: 204, description: 'Done; no body.' })
  @ApiProblems(403)
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
  inviteStaff(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: InviteStaffDto): Promise<InvitationView> {
    return this.invitations.inviteStaff(actor, id, dto.email);
  }
}
