import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../platform/auth/actor';
import { CurrentActor, Roles } from '../../../platform/auth/decorators';
import { ApiProblems, ProblemCodes } from '../../../platform/http/api-problems.decorator';
import { uuidParam } from '../../../platform/http/validation';
import { ChannelMatchesService } from './channel-matches.service';
import { AgreementDto, AnswerMatchDto, ChannelMatchPage, ChannelMatchView, DeclineMatchDto, MatchQuery } from './dto/channel-match.dto';

@ApiTags('channel sharing: matches')
@ApiBearerAuth()
@Controller('channel-matches')
@Roles('admin', 'staff', 'member')
@ApiProblems(400, 401, 403)
export class ChannelMatchesController {
  constructor(private readonly matches: ChannelMatchesService) {}

  @Get()
  @ApiOperation({
    summary: 'Matches: staff see their cluster\'s (with names); members see their organisations\' approved matches, the other side anonymous until both accept.',
  })
  @ApiResponse({ status: 200, type: ChannelMatchPage })
  list(@CurrentActor() actor: Actor, @Query() query: MatchQuery): Promise<ChannelMatchPage> {
    return this.matches.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One match with its explanation (each factor\'s value, weight and words).' })
  @ApiResponse({ status: 200, type: ChannelMatchView })
  @ApiProblems(404)
  @ProblemCodes('channel_sharing.match_not_found')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<ChannelMatchView> {
    return this.matches.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept for your side (host or guest). When both accepted, names and contacts are revealed to both.' })
  @ApiResponse({ status: 200, type: ChannelMatchView })
  @ApiProblems(404, 409)
  @ProblemCodes('channel_sharing.match_not_found', 'channel_sharing.not_a_party', 'common.invalid_transition')
  accept(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: AnswerMatchDto): Promise<ChannelMatchView> {
    return this.matches.accept(actor, id, dto);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline for your side, with a reason; the pair is not proposed again for 90 days.' })
  @ApiResponse({ status: 200, type: ChannelMatchView })
  @ApiProblems(404, 409)
  @ProblemCodes('channel_sharing.match_not_found', 'channel_sharing.not_a_party', 'common.invalid_transition')
  decline(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: DeclineMatchDto): Promise<ChannelMatchView> {
    return this.matches.decline(actor, id, dto);
  }

  @Post(':id/agreement')
  @HttpCode(200)
  @ApiOperation({ summary: 'The host records the agreement (commission, capacity allotted, term) once both accepted; the channel\'s used capacity grows.' })
  @ApiResponse({ status: 200, type: ChannelMatchView })
  @ApiProblems(404, 409)
  @ProblemCodes('channel_sharing.match_not_found', 'channel_sharing.not_a_party', 'channel_sharing.only_host_agrees', 'common.invalid_transition')
  agree(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: AgreementDto): Promise<ChannelMatchView> {
    return this.matches.agree(actor, id, dto);
  }
}
