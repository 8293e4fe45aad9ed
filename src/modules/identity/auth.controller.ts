import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../../platform/auth/decorators';
import { ThrottleBy } from '../../platform/http/account-throttler.guard';
import { ApiProblems } from '../../platform/http/api-problems.decorator';
import { AuthService } from './auth.service';
import { AcceptedDto, LoginDto, RefreshDto, RegisterDto, TokenPairDto, VerifyEmailDto } from './dto/auth.dto';
import { SessionService } from './session.service';

@ApiTags('auth')
@Controller('auth')
@Public()
@UseGuards(ThrottlerGuard)
@ApiProblems(400, 429)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  @Post('register')
  @ThrottleBy('email', 'mail')
  @HttpCode(202)
  @ApiOperation({ summary: 'Create a talent account; a verification link is emailed.' })
  @ApiResponse({ status: 202, type: AcceptedDto })
  async register(@Body() dto: RegisterDto): Promise<AcceptedDto> {
    await this.auth.register(dto);
    return { status: 'verification_sent', message: `If ${dto.email} can be registered, we sent it a verification link.` };
  }

  @Post('verify-email')
  @HttpCode(204)
  @ApiOperation({ summary: 'Confirm an email address with the emailed token.' })
  @ApiResponse({ status: 204, description: 'Done; no body.' })
  verifyEmail(@Body() dto: VerifyEmailDto): Promise<void> {
    return this.auth.verifyEmail(dto.token);
  }

  @Get('verify-email')
  @HttpCode(204)
  @ApiOperation({ summary: 'Confirm an email address by opening the emailed link.' })
  @ApiResponse({ status: 204, description: 'Done; no body.' })
  verifyEmailLink(@Query() dto: VerifyEmailDto): Promise<void> {
    return this.auth.verifyEmail(dto.token);
  }

  @Post('login')
  @ThrottleBy('email', 'sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password.' })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiProblems(401, 403)
  login(@Body() dto: LoginDto): Promise<TokenPairDto> {
    return this.auth.login(dto);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate a refresh token; reusing a rotated one signs out its whole family.' })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiProblems(401)
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.sessions.rotate(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: revokes the refresh token and every token rotated from the same sign-in.' })
  @ApiResponse({ status: 204, description: 'Done; no body.' })
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.sessions.revoke(dto.refreshToken);
  }
}
