import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { scopeToActor, visibleOr404 } from '../../platform/access/actor-scope';
import { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { ValidationFailedError } from '../../platform/http/domain-error';
import { Page, paginate } from '../../platform/http/pagination';
import { AuditService } from '../audit/audit.service';
import { ClustersService } from './clusters.service';
import { sizeClass } from './counterpart';
import { directoryAccess } from './directory-access';
import { NotAllowedError, OrganisationNotFoundError } from './directory.errors';
import { CreateOrganisationDto, ListOrganisationsQuery, OrganisationView, UpdateOrganisationDto } from './dto/organisation.dto';
import { MembershipsService } from './memberships.service';
import { Organisation } from './organisation.entity';

export function organisationView(org: Organisation): OrganisationView {
  return {
    id: org.id,
    clusterId: org.clusterId,
    name: org.name,
    kind: org.kind,
    naicsCodes: org.naicsCodes,
    regionId: org.regionId,
    country: org.country,
    employeeCount: org.employeeCount,
    size: sizeClass(org.employeeCount),
    website: org.website,
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
  };
}

/**
 * The organisations of a cluster. Staff see and edit their own cluster's, admins any, members the
 * ones they act for. A record the actor may not see is "not found".
 */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clusters: ClustersService,
    private readonly audit: AuditService,
    private readonly memberships: MembershipsService,
  ) {}

  async list(actor: Actor, query: ListOrganisationsQuery): Promise<Page<OrganisationView>> {
    const qb = this.uow.reader.createQueryBuilder(Organisation, 'o');
    // Staff are scoped to their cluster whatever they ask for (another cluster's id yields
    // nothing); members see the organisations they act for.
    scopeToActor(qb, actor, { cluster: 'o.cluster_id', parties: ['o.id'] });
    if (query.clusterId) qb.andWhere('o.cluster_id = :clusterId', { clusterId: query.clusterId });
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.q) qb.andWhere('o.name ILIKE :q', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    const page = await paginate(qb, query);
    return { items: page.items.map(organisationView), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<OrganisationView> {
    return organisationView(await this.visible(this.uow.reader, actor, id));
  }

  async create(actor: Actor, dto: CreateOrganisationDto): Promise<OrganisationView> {
    return this.uow.run(async (em) => {
      await this.clusters.require(em, dto.clusterId);
      if (!directoryAccess.actsForCluster(actor, dto.clusterId)) {
        throw new NotAllowedError('Only staff of this cluster can add organisations to it.');
      }
      await this.checkRegion(em, dto.regionId, dto.clusterId);
      const org = await em.save(em.create(Organisation, {
        ...dto,
        naicsCodes: [...new Set(dto.naicsCodes)],
        regionId: dto.regionId ?? null,
        website: dto.website ?? null,
      }));
      await this.audit.record(em, actor, {
        action: 'organisation.created', subjectKind: 'organisation', subjectId: org.id, clusterId: org.clusterId,
        before: null, after: organisationView(org),
      });
      return organisationView(org);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateOrganisationDto): Promise<OrganisationView> {
    return this.uow.run(async (em) => {
      actor = await this.memberships.current(em, actor);
      const org = await this.visible(em, actor, id, true);
      if (!directoryAccess.editsOrganisation(actor, org)) {
        throw new NotAllowedError('You cannot edit this organisation.');
      }
      await this.checkRegion(em, dto.regionId, org.clusterId);
      const before = organisationView(org);
      Object.assign(org, {
        ...dto,
        ...(dto.naicsCodes ? { naicsCodes: [...new Set(dto.naicsCodes)] } : {}),
      });
      const after = organisationView(await em.save(org));
      await this.audit.record(em, actor, {
        action: 'organisation.updated', subjectKind: 'organisation', subjectId: org.id, clusterId: org.clusterId, before, after,
      });
      return after;
    });
  }

  /** The organisation if the actor may see it; otherwise "not found", as if it did not exist. */
  async visible(em: EntityManager, actor: Actor, id: string, lock = false): Promise<Organisation> {
    const org = await em.findOne(Organisation, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    return visibleOr404(org, (o) => directoryAccess.seesOrganisation(actor, o), () => new OrganisationNotFoundError());
  }

  private async checkRegion(em: EntityManager, regionId: string | undefined, clusterId: string): Promise<void> {
    if (regionId && !(await this.clusters.regionBelongsTo(em, regionId, clusterId))) {
      throw new ValidationFailedError([{ field: 'regionId', messages: ['regionId must be a region of the organisation\'s cluster'] }]);
    }
  }
}
