import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../platform/auth/actor';
import { CurrentActor, Roles } from '../../../platform/auth/decorators';
import { ApiProblems, ProblemCodes } from '../../../platform/http/api-problems.decorator';
import { uuidParam } from '../../../platform/http/validation';
import { ComplementarityRulesService } from './complementarity-rules.service';
import { CreateRuleDto, RulePage, RuleQuery, RuleView, SeedRulesDto, SeededView, UpdateRuleDto } from './dto/rule.dto';

@ApiTags('channel sharing: complementarity rules')
@ApiBearerAuth()
@Controller('complementarity-rules')
@Roles('admin', 'staff')
@ApiProblems(400, 401, 403)
export class ComplementarityRulesController {
  constructor(private readonly rules: ComplementarityRulesService) {}

  @Get()
  @ApiOperation({ summary: 'Your cluster\'s complementarity rules between categories, newest first, a page at a time.' })
  @ApiResponse({ status: 200, type: RulePage })
  @ApiProblems(404)
  @ProblemCodes('directory.cluster_not_found')
  list(@CurrentActor() actor: Actor, @Query() query: RuleQuery): Promise<RulePage> {
    return this.rules.list(actor, query);
  }

  @Post()
  @ApiOperation({ summary: 'Declare that two categories complement each other, with a weight 0–1.' })
  @ApiResponse({ status: 201, type: RuleView })
  @ApiProblems(404, 409)
  @ProblemCodes('directory.cluster_not_found', 'channel_sharing.rule_exists')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRuleDto): Promise<RuleView> {
    return this.rules.create(actor, dto);
  }

  @Post('seed')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add default rules from the NAICS taxonomy for the categories your cluster\'s products use (at most 500 a call).' })
  @ApiResponse({ status: 200, type: SeededView })
  @ApiProblems(404)
  @ProblemCodes('directory.cluster_not_found')
  seed(@CurrentActor() actor: Actor, @Body() dto: SeedRulesDto): Promise<SeededView> {
    return this.rules.seedFromTaxonomy(actor, dto.clusterId);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Override a rule\'s weight (becomes a staff rule).' })
  @ApiResponse({ status: 200, type: RuleView })
  @ApiProblems(404)
  @ProblemCodes('channel_sharing.rule_not_found')
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: UpdateRuleDto): Promise<RuleView> {
    return this.rules.setWeight(actor, id, dto.weight);
  }

  @Post(':id/adopt-learned')
  @HttpCode(200)
  @ApiOperation({ summary: 'Adopt the weight learned from staff decisions on this pair (409 while it has none).' })
  @ApiResponse({ status: 200, type: RuleView })
  @ApiProblems(404, 409)
  @ProblemCodes('channel_sharing.rule_not_found', 'channel_sharing.no_learned_weight')
  adopt(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<RuleView> {
    return this.rules.setWeight(actor, id, 0, 'learned');
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a rule.' })
  @ApiResponse({ status: 204, description: 'Done; no body.' })
  @ApiProblems(404)
  @ProblemCodes('channel_sharing.rule_not_found')
  remove(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<void> {
    return this.rules.remove(actor, id);
  }
}
