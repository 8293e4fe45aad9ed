import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor } from '../../platform/auth/decorators';
import { ThrottleBy } from '../../platform/http/account-throttler.guard';
import { ApiProblems, ProblemCodes } from '../../platform/http/api-problems.decorator';
import { MeView, UpdateMeDto } from './dto/me.dto';
import { UsersService } from './users.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
@ApiProblems(401)
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Your account: roles, cluster and organisations.' })
  @ApiResponse({ status: 200, type: MeView })
  @ProblemCodes('common.not_found')
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.users.me(actor);
  }

  @Patch()
  @ThrottleBy('user', 'password-check', { onlyWith: 'currentPassword' })
  @ApiOperation({ summary: 'Change your display name or password.' })
  @ApiResponse({ status: 200, type: MeView })
  @ApiProblems(400, 429)
  @ProblemCodes('identity.wrong_current_password')
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<MeView> {
    return this.users.updateMe(actor, dto);
  }
}
