import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MembershipLookup } from '../../platform/auth/membership-lookup';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { OrganisationMember } from './organisation-member.entity';

@Injectable()
export class DirectoryMembershipLookup extends MembershipLookup {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async forUser(userId: string, em: EntityManager = this.uow.reader) {
    const rows = await em.find(OrganisationMember, { where: { userId }, order: { createdAt: 'ASC' } });
    return rows.map((r) => ({ id: r.organisationId, role: r.role }));
  }
}

/** Directory's implementation of identity's MembershipLookup port, visible to every module. */
@Global()
@Module({
  providers: [{ provide: MembershipLookup, useClass: DirectoryMembershipLookup }],
  exports: [MembershipLookup],
})
export class MembershipLookupModule {}
