import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../platform/auth/actor';
import { CurrentActor, Roles } from '../../../platform/auth/decorators';
import { ApiProblems, ProblemCodes } from '../../../platform/http/api-problems.decorator';
import { ValidationFailedError } from '../../../platform/http/domain-error';
import { PageQuery } from '../../../platform/http/pagination';
import { uuidParam } from '../../../platform/http/validation';
import { MatchingRunPage, MatchingRunView, StartRunDto } from './dto/matching.dto';
import { MatchingRunsService } from './matching-runs.service';

@ApiTags('channel sharing: matching runs')
@ApiBearerAuth()
@Controller('matching-runs')
@Roles('admin', 'staff')
@ApiProblems(400, 401, 403)
export class MatchingRunsController {
  constructor(private readonly runs: MatchingRunsService) {}

  @Post()
  @ApiOperation({ summary: 'Rebuild your cluster\'s channel matches now (also runs on a schedule); proposals go to the approvals queue. One full run per cluster at a time (409 names the run in flight); staff may start MATCHING_RUNS_PER_HOUR an hour (429).' })
  @ApiResponse({ status: 201, type: MatchingRunView })
  @ApiProblems(404, 409, 429, 503)
  @ProblemCodes('directory.cluster_not_found', 'channel_sharing.run_in_flight', 'channel_sharing.run_rate_limited', 'channel_sharing.queue_unavailable')
  start(@CurrentActor() actor: Actor, @Body() dto: StartRunDto): Promise<MatchingRunView> {
    const clusterId = dto.clusterId ?? actor.clusterId;
    if (!clusterId) throw new ValidationFailedError([{ field: 'clusterId', messages: ['clusterId is required'] }]);
    return this.runs.start(actor, clusterId, dto.k);
  }

  @Get()
  @ApiOperation({ summary: 'Your cluster\'s matching runs, newest first.' })
  @ApiResponse({ status: 200, type: MatchingRunPage })
  list(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<MatchingRunPage> {
    return this.runs.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Status, progress (shards done, pairs scored), timings and counts of a run.' })
  @ApiResponse({ status: 200, type: MatchingRunView })
  @ApiProblems(404)
  @ProblemCodes('channel_sharing.run_not_found')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<MatchingRunView> {
    return this.runs.get(actor, id);
  }
}
