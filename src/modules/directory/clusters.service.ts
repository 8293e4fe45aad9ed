import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor, hasRole } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Page, PageQuery, paginate } from '../../platform/http/pagination';
import { AuditService } from '../audit/audit.service';
import { ClusterPartnership } from './cluster-partnership.entity';
import { Cluster } from './cluster.entity';
import { directoryAccess } from './directory-access';
import { ClusterNotFoundError, NotAllowedError, PartnershipExistsError } from './directory.errors';
import { AddRegionDto, ClusterView, CreateClusterDto } from './dto/cluster.dto';
import { Region } from './region.entity';

/** Clusters, their regions and partnerships. Cluster names and regions are public to signed-in users. */
@Injectable()
export class ClustersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async list(query: PageQuery): Promise<Page<ClusterView>> {
    const page = await paginate(this.uow.reader.createQueryBuilder(Cluster, 'c'), query);
    return { items: await this.views(this.uow.reader, page.items), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<ClusterView> {
    const cluster = await this.require(this.uow.reader, id);
    return (await this.views(this.uow.reader, [cluster]))[0];
  }

  async create(actor: Actor, dto: CreateClusterDto): Promise<ClusterView> {
    if (!hasRole(actor, 'admin')) throw new NotAllowedError('Only an administrator creates clusters.');
    return this.uow.run(async (em) => {
      const cluster = await em.save(em.create(Cluster, { name: dto.name, country: dto.country, description: dto.description ?? null }));
      const names = [...new Set(dto.regions.map((r) => r.trim()))];
      if (names.length > 0) await em.insert(Region, names.map((name) => ({ clusterId: cluster.id, name })));
      const view = (await this.views(em, [cluster]))[0];
      await this.audit.record(em, actor, { action: 'cluster.created', subjectKind: 'cluster', subjectId: cluster.id, clusterId: cluster.id, after: view });
      return view;
    });
  }

  async addRegion(actor: Actor, clusterId: string, dto: AddRegionDto): Promise<ClusterView> {
    return this.uow.run(async (em) => {
      const cluster = await this.require(em, clusterId);
      if (!directoryAccess.actsForCluster(actor, clusterId)) {
        throw new NotAllowedError('Only staff of this cluster can change its regions.');
      }
      await em.createQueryBuilder().insert().into(Region).values({ clusterId, name: dto.name.trim() }).orIgnore().execute();
      return (await this.views(em, [cluster]))[0];
    });
  }

  /** The cluster's partners, newest cluster first, a page at a time. */
  async partners(clusterId: string, query: PageQuery): Promise<Page<ClusterView>> {
    const em = this.uow.reader;
    await this.require(em, clusterId);
    const qb = em.createQueryBuilder(Cluster, 'c').where(
      `c.id IN (SELECT cluster_b_id FROM cluster_partnerships WHERE cluster_a_id = :id
                UNION ALL SELECT cluster_a_id FROM cluster_partnerships WHERE cluster_b_id = :id)`,
      { id: clusterId },
    );
    const page = await paginate(qb, query);
    return { items: await this.views(em, page.items), nextCursor: page.nextCursor };
  }

  /** Links the two clusters; answers the partner cluster. */
  async addPartner(actor: Actor, clusterId: string, partnerId: string): Promise<ClusterView[]> {
    if (!hasRole(actor, 'admin')) throw new NotAllowedError('Only an administrator links partner clusters.');
    await this.uow.run(async (em) => {
      await this.require(em, clusterId);
      await this.require(em, partnerId);
      if (clusterId === partnerId) throw new NotAllowedError('A cluster cannot partner with itself.', 'directory.self_partnership');
      const [a, b] = [clusterId, partnerId].sort();
      if (await em.exists(ClusterPartnership, { where: { clusterAId: a, clusterBId: b } })) {
        throw new PartnershipExistsError();
      }
      await em.insert(ClusterPartnership, { clusterAId: a, clusterBId: b });
      for (const [own, other] of [[clusterId, partnerId], [partnerId, clusterId]]) {
        await this.audit.record(em, actor, {
          action: 'cluster.partner_added', subjectKind: 'cluster', subjectId: own, clusterId: own, after: { partnerClusterId: other },
        });
      }
    });
    return this.views(this.uow.reader, [await this.require(this.uow.reader, partnerId)]);
  }

  async removePartner(actor: Actor, clusterId: string, partnerId: string): Promise<void> {
    if (!hasRole(actor, 'admin')) throw new NotAllowedError('Only an administrator unlinks partner clusters.');
    const [a, b] = [clusterId, partnerId].sort();
    await this.uow.run(async (em) => {
      const removed = await em.delete(ClusterPartnership, { clusterAId: a, clusterBId: b });
      if (!removed.affected) return;
      for (const [own, other] of [[clusterId, partnerId], [partnerId, clusterId]]) {
        await this.audit.record(em, actor, {
          action: 'cluster.partner_removed', subjectKind: 'cluster', subjectId: own, clusterId: own, before: { partnerClusterId: other },
        });
      }
    });
  }

  async require(em: EntityManager, id: string): Promise<Cluster> {
    const cluster = await em.findOneBy(Cluster, { id });
    if (!cluster) throw new ClusterNotFoundError();
    return cluster;
  }

  async regionBelongsTo(em: EntityManager, regionId: string, clusterId: string): Promise<boolean> {
    return em.exists(Region, { where: { id: regionId, clusterId } });
  }

  private async views(em: EntityManager, clusters: Cluster[]): Promise<ClusterView[]> {
    const regions = clusters.length
      ? await em.find(Region, { where: { clusterId: In(clusters.map((c) => c.id)) }, order: { name: 'ASC' } })
      : [];
    return clusters.map((c) => ({
      id: c.id,
      name: c.name,
      country: c.country,
      description: c.description,
      regions: regions.filter((r) => r.clusterId === c.id).map((r) => ({ id: r.id, name: r.name })),
      createdAt: c.createdAt.toISOString(),
    }));
  }
}
