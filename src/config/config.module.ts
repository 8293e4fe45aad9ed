import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_CONFIG } from './app-config';
import { envSpec, validateEnv } from './env.schema';

/**
 * Validates the environment once at boot through @nestjs/config's validate hook and exposes it
 * typed under APP_CONFIG. A bad variable stops the process before anything connects.
 * `forRoot` is called when the application is built (not at import), so tests can set variables
 * first.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, validate: (raw) => ({ ...validateEnv(raw) }) })],
      providers: [
        {
          provide: APP_CONFIG,
          inject: [ConfigService],
          useFactory: (config: ConfigService) =>
            Object.freeze(Object.fromEntries(Object.keys(envSpec).map((key) => [key, config.get(key)]))),
        },
      ],
      exports: [APP_CONFIG],
    };
  }
}
