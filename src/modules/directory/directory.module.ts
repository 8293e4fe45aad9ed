import { DynamicModule, Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ClustersController } from './clusters.controller';
import { ClustersService } from './clusters.service';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MembersService } from './members.service';
import { MembershipLookupModule } from './membership-lookup.provider';
import { MembershipsService } from './memberships.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationProfilesService } from './organisation-profiles.service';
import { OrganisationsService } from './organisations.service';
import { PendingInvitationsService } from './pending-invitations.service';
import { DirectoryPersonalData } from './personal-data/directory-personal-data.contributor';
import { TalentsController } from './talents.controller';
import { TalentsService } from './talents.service';

const services = [
  OrganisationProfilesService,
  ClustersService, OrganisationsService, MembersService, InvitationsService, TalentsService, MembershipsService, PendingInvitationsService,
];
const exported = [ClustersService, OrganisationsService, MembersService, MembershipsService, OrganisationProfilesService];

const forApi: DynamicModule = {
  module: class DirectoryApiModule {},
  imports: [IdentityModule.forApi(), NotificationsModule.forApi(), MembershipLookupModule],
  controllers: [ClustersController, OrganisationsController, InvitationsController, TalentsController],
  providers: [...services, DirectoryPersonalData],
  exports: exported,
};
const forWorker: DynamicModule = {
  module: class DirectoryWorkerModule {},
  imports: [IdentityModule.forWorker(), NotificationsModule.forWorker(), MembershipLookupModule],
  providers: services,
  exports: exported,
};

/** Clusters, partnerships, organisations, their members and talent profiles. */
@Module({})
export class DirectoryModule {
  static forApi(): DynamicModule {
    return forApi;
  }

  static forWorker(): DynamicModule {
    return forWorker;
  }
}
