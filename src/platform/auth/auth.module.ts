import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthGuard } from './auth.guard';
import { PasswordHasher } from './password-hasher';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: jsonwebtoken otherwise re-parses the secret as a key on
        // every verification (a quarter of the CPU of an authenticated request, measured).
        secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')),
        signOptions: { expiresIn: config.JWT_ACCESS_TTL_SECONDS, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [PasswordHasher, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [PasswordHasher, JwtModule],
})
export class AuthPlatformModule {}
