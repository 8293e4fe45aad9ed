import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/decorators';
import { ApiProblems, ProblemCodes } from '../../platform/http/api-problems.decorator';
import { uuidParam } from '../../platform/http/validation';
import { ListTalentsQuery, TalentPage, TalentView, UpsertTalentProfileDto } from './dto/talent.dto';
import { TalentsService } from './talents.service';

@ApiTags('talents')
@ApiBearerAuth()
@Controller('talents')
@ApiProblems(400, 401, 403)
export class TalentsController {
  constructor(private readonly talents: TalentsService) {}

  @Get('me')
  @Roles('talent')
  @ApiOperation({ summary: 'Your talent profile.' })
  @ApiResponse({ status: 200, type: TalentView })
  @ApiProblems(404)
  @ProblemCodes('directory.talent_not_found')
  mine(@CurrentActor() actor: Actor): Promise<TalentView> {
    return this.talents.mine(actor);
  }

  @Put('me')
  @Roles('talent')
  @ApiOperation({ summary: 'Create or replace your talent profile.' })
  @ApiResponse({ status: 200, type: TalentView })
  @ApiProblems(404)
  @ProblemCodes('directory.cluster_not_found')
  upsert(@CurrentActor() actor: Actor, @Body() dto: UpsertTalentProfileDto): Promise<TalentView> {
    return this.talents.upsertMine(actor, dto);
  }

  @Get()
  @Roles('admin', 'staff')
  @ApiOperation({ summary: 'Talents whose home cluster is yours (staff).' })
  @ApiResponse({ status: 200, type: TalentPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListTalentsQuery): Promise<TalentPage> {
    return this.talents.list(actor, query);
  }

  @Get(':userId')
  @Roles('admin', 'staff', 'talent')
  @ApiOperation({ summary: 'One talent profile (its owner, or staff of the home cluster).' })
  @ApiResponse({ status: 200, type: TalentView })
  @ApiProblems(404)
  @ProblemCodes('directory.talent_not_found')
  get(@CurrentActor() actor: Actor, @Param('userId', uuidParam('userId')) userId: string): Promise<TalentView> {
    return this.talents.get(actor, userId);
  }
}
