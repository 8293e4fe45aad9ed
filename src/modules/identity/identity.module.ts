import { DynamicModule, Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { MeController } from './me.controller';
import { PasswordResetService } from './password-reset.service';
import { IdentityPersonalData } from './personal-data/identity-personal-data.contributor';
import { PurgeExpiredTokensJob } from './purge-expired-tokens.job';
import { SessionService } from './session.service';
import { UsersService } from './users.service';

const services = [AuthService, PasswordResetService, SessionService, UsersService];
const exported = [UsersService, SessionService];

// Built once: Nest tells dynamic modules apart by object, and directory imports identity too.
const forApi: DynamicModule = {
  module: class IdentityApiModule {},
  imports: [NotificationsModule.forApi()],
  controllers: [AuthController, MeController],
  providers: [...services, IdentityPersonalData],
  exports: [...exported, IdentityPersonalData],
};
const forWorker: DynamicModule = {
  module: class IdentityWorkerModule {},
  imports: [NotificationsModule.forWorker()],
  providers: [...services, PurgeExpiredTokensJob],
  exports: exported,
};

/** Accounts, sessions and sign-in. The API gets the controllers, the worker the jobs. */
@Module({})
export class IdentityModule {
  static forApi(): DynamicModule {
    return forApi;
  }

  static forWorker(): DynamicModule {
    return forWorker;
  }
}
