import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { scopeToActor, visibleOr404 } from '../../../platform/access/actor-scope';
import { Actor } from '../../../platform/auth/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/http/domain-error';
import { Page, paginate } from '../../../platform/http/pagination';
import { AuditService } from '../../audit/audit.service';
import { MembershipsService } from '../../directory/memberships.service';
import { OrganisationsService } from '../../directory/organisations.service';
import { channelSharingAccess } from '../channel-sharing-access';
import { CapacityBelowUsedError, ChannelNotFoundError, NotCatalogueEditorError, ProductNotFoundError } from '../channel-sharing.errors';
import { ChannelMatchesService } from '../matches/channel-matches.service';
import { CatalogueChanges } from './catalogue-changes';
import { channelView, productView } from './catalogue-views';
import { Channel } from './channel.entity';
import {
  CatalogueQuery,
  ChannelView,
  CreateChannelDto,
  CreateProductDto,
  ProductView,
  UpdateChannelDto,
  UpdateProductDto,
} from './dto/catalogue.dto';
import { Product } from './product.entity';

type Item = ObjectLiteral & { id: string; organisationId: string; clusterId: string; createdAt: Date };

interface Kind<T extends Item, V> {
  entity: EntityTarget<T>;
  subject: 'product' | 'channel';
  view: (item: T) => V;
  notFound: () => DomainError;
}

const PRODUCTS: Kind<Product, ProductView> = { entity: Product, subject: 'product', view: productView, notFound: () => new ProductNotFoundError() };
const CHANNELS: Kind<Channel, ChannelView> = { entity: Channel, subject: 'channel', view: channelView, notFound: () => new ChannelNotFoundError() };

/**
 * Products and channels of member organisations. Every change is audited and announces
 * `channel_sharing.catalogue_changed`, which schedules that organisation's match refresh.
 */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly changes: CatalogueChanges,
    private readonly matches: ChannelMatchesService,
    private readonly memberships: MembershipsService,
  ) {}

  listProducts(actor: Actor, query: CatalogueQuery): Promise<Page<ProductView>> {
    return this.list(PRODUCTS, actor, query);
  }

  listChannels(actor: Actor, query: CatalogueQuery): Promise<Page<ChannelView>> {
    return this.list(CHANNELS, actor, query);
  }

  async getProduct(actor: Actor, id: string): Promise<ProductView> {
    return productView(await this.visible(this.uow.reader, PRODUCTS, actor, id));
  }

  async getChannel(actor: Actor, id: string): Promise<ChannelView> {
    return channelView(await this.visible(this.uow.reader, CHANNELS, actor, id));
  }

  createProduct(actor: Actor, dto: CreateProductDto): Promise<ProductView> {
    return this.create(PRODUCTS, actor, dto.organisationId, (clusterId) => ({ ...dto, clusterId, priceBand: dto.priceBand ?? null }));
  }

  createChannel(actor: Actor, dto: CreateChannelDto): Promise<ChannelView> {
    return this.create(CHANNELS, actor, dto.organisationId, (clusterId) => ({
      ...dto,
      clusterId,
      usedCapacity: 0,
      active: dto.active ?? true,
      commissionPct: dto.commissionPct.toFixed(2),
    }));
  }

  updateProduct(actor: Actor, id: string, dto: UpdateProductDto): Promise<ProductView> {
    return this.update(PRODUCTS, actor, id, (product) => Object.assign(product, dto));
  }

  updateChannel(actor: Actor, id: string, dto: UpdateChannelDto): Promise<ChannelView> {
    return this.update(CHANNELS, actor, id, (channel) => {
      if (dto.capacity !== undefined && dto.capacity < channel.usedCapacity) throw new CapacityBelowUsedError(channel.usedCapacity);
      Object.assign(channel, { ...dto, ...(dto.commissionPct !== undefined ? { commissionPct: dto.commissionPct.toFixed(2) } : {}) });
    });
  }

  removeProduct(actor: Actor, id: string): Promise<void> {
    return this.remove(PRODUCTS, actor, id);
  }

  removeChannel(actor: Actor, id: string): Promise<void> {
    return this.remove(CHANNELS, actor, id);
  }

  private async list<T extends Item, V>(kind: Kind<T, V>, actor: Actor, query: CatalogueQuery): Promise<Page<V>> {
    const qb = this.uow.reader.createQueryBuilder(kind.entity, 'x');
    // Staff see their cluster's catalogue; members their organisations' — never another member's.
    scopeToActor(qb, actor, channelSharingAccess.catalogueScope('x'));
    if (query.organisationId) qb.andWhere('x.organisation_id = :org', { org: query.organisationId });
    const page = await paginate(qb, query);
    return { items: page.items.map(kind.view), nextCursor: page.nextCursor };
  }

  private async visible<T extends Item, V>(em: EntityManager, kind: Kind<T, V>, actor: Actor, id: string, lock = false): Promise<T> {
    const item = await em.findOne(kind.entity, {
      where: { id } as never,
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return visibleOr404(item, (i) => channelSharingAccess.seesCatalogue(actor, i), kind.notFound);
  }

  private async create<T extends Item, V>(kind: Kind<T, V>, actor: Actor, organisationId: string, build: (clusterId: string) => object): Promise<V> {
    return this.uow.run(async (em) => {
      actor = await this.memberships.current(em, actor); // the token's memberships may be stale; a write re-reads them
      const org = await this.organisations.visible(em, actor, organisationId);
      if (!channelSharingAccess.editsCatalogue(actor, { organisationId })) throw new NotCatalogueEditorError();
      const item = (await em.save(em.create(kind.entity, build(org.clusterId) as never))) as T;
      await this.changed(em, actor, kind, item, null, `${kind.subject}.created`);
      return kind.view(item);
    });
  }

  private async update<T extends Item, V>(kind: Kind<T, V>, actor: Actor, id: string, apply: (item: T) => void): Promise<V> {
    return this.uow.run(async (em) => {
      actor = await this.memberships.current(em, actor); // the token's memberships may be stale; a write re-reads them
      const item = await this.visible(em, kind, actor, id, true);
      if (!channelSharingAccess.editsCatalogue(actor, item)) throw new NotCatalogueEditorError();
      const before = kind.view(item);
      apply(item);
      const saved = (await em.save(item)) as T;
      await this.changed(em, actor, kind, saved, before, `${kind.subject}.updated`);
      return kind.view(saved);
    });
  }

  private async remove<T extends Item, V>(kind: Kind<T, V>, actor: Actor, id: string): Promise<void> {
    await this.uow.run(async (em) => {
      actor = await this.memberships.current(em, actor); // the token's memberships may be stale; a write re-reads them
      const item = await this.visible(em, kind, actor, id, true);
      if (!channelSharingAccess.editsCatalogue(actor, item)) throw new NotCatalogueEditorError();
      const before = kind.view(item);
      // Its live matches cannot go ahead without it: declined on its owner's behalf, both sides told.
      await this.matches.declineWithdrawn(em, actor, { subject: kind.subject, id });
      await em.delete(kind.entity, { id } as never);
      await this.changed(em, actor, kind, item, before, `${kind.subject}.deleted`, true);
    });
  }

  private async changed<T extends Item, V>(
    em: EntityManager, actor: Actor, kind: Kind<T, V>, item: T, before: V | null, action: string, deleted = false,
  ): Promise<void> {
    await this.audit.record(em, actor, {
      action, subjectKind: kind.subject, subjectId: item.id, clusterId: item.clusterId,
      before: before as object | null, after: deleted ? null : (kind.view(item) as object),
    });
    await this.changes.record(em, { organisationId: item.organisationId, clusterId: item.clusterId });
  }
}
