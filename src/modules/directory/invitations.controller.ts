import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../../platform/auth/decorators';
import { ThrottleBy } from '../../platform/http/account-throttler.guard';
import { ApiProblems, ProblemCodes } from '../../platform/http/api-problems.decorator';
import { TokenPairDto } from '../identity/dto/auth.dto';
import { AcceptInvitationDto } from './dto/member.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('accept')
  @Public()
  @UseGuards(ThrottlerGuard)
  @ThrottleBy('token', 'invitation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an emailed invitation: creates the account (or joins with an existing one) and signs in.' })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiProblems(400, 401, 429)
  @ProblemCodes('directory.invalid_invitation', 'directory.invitation_password_mismatch')
  accept(@Body() dto: AcceptInvitationDto): Promise<TokenPairDto> {
    return this.invitations.accept(dto);
  }
}
