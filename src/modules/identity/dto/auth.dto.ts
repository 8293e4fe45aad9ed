import { ApiProperty } from '@nestjs/swagger';
import { NormalizeEmail } from '../../../platform/http/normalize-email.decorator';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.org' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 128, example: 'correct horse battery staple' })
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  password: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ada@example.org' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from sign-in or the previous refresh.' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The token from the verification email.' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT for the Authorization: Bearer header.' }) accessToken: string;
  @ApiProperty({ description: 'Opaque, single-use; exchange it at /auth/refresh.' }) refreshToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'Access-token lifetime in seconds.', example: 900 }) expiresIn: number;
}

export class AcceptedDto {
  @ApiProperty({ example: 'verification_sent' }) status: string;
  @ApiProperty() message: string;
}

export class EmailOnlyDto {
  @ApiProperty({ example: 'ada@example.org' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class ConfirmPasswordResetDto {
  @ApiProperty({ description: 'The token from the password-reset email.' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 128 })
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  newPassword: string;
}
