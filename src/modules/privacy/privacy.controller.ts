import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/decorators';
import { ApiProblems, ProblemCodes } from '../../platform/http/api-problems.decorator';
import { uuidParam } from '../../platform/http/validation';
import { ErasureDto, ExportAcceptedView } from './dto/privacy.dto';
import { ErasureService } from './erasure.service';
import { PersonalDataExportService } from './personal-data-export.service';

// The export document: when and whose, then one section per module (PersonalDataExportService).
const EXPORT_SCHEMA = {
  type: 'object',
  required: ['exportedAt', 'userId'],
  properties: { exportedAt: { type: 'string', format: 'date-time' }, userId: { type: 'string', format: 'uuid' } },
  additionalProperties: { type: 'object', description: 'One section per module (identity, directory, …).' },
};

@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
@ApiProblems(401)
export class PrivacyController {
  constructor(
    private readonly exports: PersonalDataExportService,
    private readonly erasure: ErasureService,
  ) {}

  @Get('me/export')
  @ApiOperation({ summary: 'Everything the service holds about you, as one JSON document; a large one is mailed as a link (202).' })
  @ApiResponse({ status: 200, description: 'The export: one section per module.', schema: EXPORT_SCHEMA })
  @ApiResponse({ status: 202, type: ExportAcceptedView })
  @ProblemCodes('privacy.person_not_found')
  async export(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const outcome = await this.exports.export(actor);
    if ('inline' in outcome) return outcome.inline;
    void reply.status(202).header('location', outcome.accepted.location);
    return outcome.accepted;
  }

  @Get('me/exports/:id')
  @ApiOperation({ summary: 'Download your mailed export until it expires.' })
  @ApiResponse({ status: 200, description: 'The export: one section per module.', schema: EXPORT_SCHEMA })
  @ApiProblems(404)
  @ProblemCodes('privacy.export_not_found')
  stored(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<unknown> {
    return this.exports.stored(actor, id);
  }

  @Post('me/erasure')
  @HttpCode(204)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Erase your personal data and close your account, confirming with your password.' })
  @ApiResponse({ status: 204, description: 'Erased; every session is signed out.' })
  @ApiProblems(400, 403, 429)
  @ProblemCodes('privacy.person_not_found', 'privacy.wrong_password')
  eraseSelf(@CurrentActor() actor: Actor, @Body() dto: ErasureDto): Promise<void> {
    return this.erasure.eraseSelf(actor, dto.password);
  }

  @Post('users/:id/erasure')
  @HttpCode(204)
  @Roles('admin', 'staff')
  @ApiOperation({ summary: "Erase a person's personal data at their request (staff of their cluster, admins)." })
  @ApiResponse({ status: 204, description: 'Erased.' })
  @ApiProblems(403, 404)
  @ProblemCodes('privacy.person_not_found')
  eraseFor(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<void> {
    return this.erasure.eraseFor(actor, id);
  }
}
