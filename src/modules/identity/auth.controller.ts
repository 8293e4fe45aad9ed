import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../../platform/auth/decorators';
import { ThrottleBy } from '../../platform/http/account-throttler.guard';
import { ApiProblems, ProblemCodes } from '../../platform/http/api-problems.decorator';
import { AuthService } from './auth.service';
import {
  AcceptedDto, ConfirmPasswordResetDto, EmailOnlyDto, LoginDto, RefreshDto, RegisterDto, TokenPairDto, VerifyEmailDto,
} from './dto/auth.dto';
import { PasswordResetService } from './password-reset.service';
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
    private readonly passwordReset: PasswordResetService,
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
  @ProblemCodes('identity.invalid_email_token')
  verifyEmail(@Body() dto: VerifyEmailDto): Promise<void> {
    return this.auth.verifyEmail(dto.token);
  }

  @Post('verify-email/resend')
  @ThrottleBy('email', 'mail')
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail a new verification token to an account that has not confirmed its address.' })
  @ApiResponse({ status: 202, type: AcceptedDto })
  async resendVerification(@Body() dto: EmailOnlyDto): Promise<AcceptedDto> {
    await this.auth.resendVerification(dto.email);
    return { status: 'verification_sent', message: `If ${dto.email} awaits confirmation, we sent it a new verification token.` };
  }

  @Post('password-reset')
  @ThrottleBy('email', 'mail')
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail a single-use password-reset token; the answer reveals nothing about accounts.' })
  @ApiResponse({ status: 202, type: AcceptedDto })
  async requestPasswordReset(@Body() dto: EmailOnlyDto): Promise<AcceptedDto> {
    await this.passwordReset.request(dto.email);
    return { status: 'reset_sent', message: `If ${dto.email} has an account, we sent it a password-reset token.` };
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with the emailed token; signs out every session of the account.' })
  @ApiResponse({ status: 204, description: 'Done; no body.' })
  @ProblemCodes('identity.invalid_email_token')
  confirmPasswordReset(@Body() dto: ConfirmPasswordResetDto): Promise<void> {
    return this.passwordReset.confirm(dto.token, dto.newPassword);
  }

  @Post('login')
  @ThrottleBy('email', 'sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password.' })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiProblems(401, 403)
  @ProblemCodes('identity.invalid_credentials', 'identity.email_not_verified')
  login(@Body() dto: LoginDto): Promise<TokenPairDto> {
    return this.auth.login(dto);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate a refresh token; reusing a rotated one signs out its whole family.' })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiProblems(401)
  @ProblemCodes('identity.invalid_refresh_token', 'identity.refresh_token_reused')
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
