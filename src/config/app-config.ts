import { Inject } from '@nestjs/common';
import { AppEnv } from './env.schema';

/** Injection token for the validated, typed environment. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const InjectConfig = (): ParameterDecorator => Inject(APP_CONFIG);
export type AppConfig = AppEnv;
