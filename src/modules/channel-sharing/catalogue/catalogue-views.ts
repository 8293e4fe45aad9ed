import { naicsTitle } from '../../directory/reference-data';
import { Channel } from './channel.entity';
import { ChannelView, ProductView } from './dto/catalogue.dto';
import { Product } from './product.entity';

export function productView(p: Product): ProductView {
  return {
    id: p.id,
    organisationId: p.organisationId,
    clusterId: p.clusterId,
    name: p.name,
    category: p.category,
    categoryTitle: naicsTitle(p.category),
    grade: p.grade,
    segments: p.segments,
    markets: p.markets,
    priceBand: p.priceBand,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function channelView(c: Channel): ChannelView {
  return {
    id: c.id,
    organisationId: c.organisationId,
    clusterId: c.clusterId,
    name: c.name,
    type: c.type,
    markets: c.markets,
    segments: c.segments,
    capacity: c.capacity,
    usedCapacity: c.usedCapacity,
    spareCapacity: c.capacity - c.usedCapacity,
    capacityUnit: c.capacityUnit,
    commissionPct: Number(c.commissionPct),
    active: c.active,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
