import { EntityManager } from 'typeorm';
import { ComplementarityTable } from '../matching/complementarity-table';
import { ChannelType, GuestProduct, HostChannel } from '../matching/scoring';
import { ChannelIndex } from '../matching/channel-index';
import { ProductIndex } from '../matching/product-index';
import { MutualMatcher } from '../matching/mutual';
import { PairFilter } from '../matching/top-k';

/** Days a declined or rejected pair is not proposed again. */
export const COOL_DOWN_DAYS = 90;

/** Rows as read: markets and segments joined by SEPARATOR (node-pg parses text[] far slower than splitting one joined string). */
interface ProductRow { id: string; organisation_id: string; category: string; grade: number; segments: string; markets: string }
interface ChannelRow {
  id: string; organisation_id: string; type: ChannelType; markets: string; segments: string;
  capacity: number; used_capacity: number; active: boolean;
}
const SEPARATOR = '\x1f';
const joined = (column: string) => `array_to_string(${column}, chr(31)) AS ${column}`;
/** Products read per query when loading a snapshot. */
const PAGE = 20_000;

const pairKey = (channelId: string, productId: string) => `${channelId}|${productId}`;

/**
 * Everything one cluster's matching reads, held in a worker's memory: products and channels with
 * their indexes, the complementarity table and the pairs that must not be proposed. A full run
 * loads one afresh; an incremental refresh keeps one per cluster and replaces the organisations
 * that changed since it was loaded.
 */
export class MatchingSnapshot {
  readonly channels = new Map<string, HostChannel>();
  readonly productIndex = new ProductIndex([]);
  readonly channelIndex = new ChannelIndex([], this.productIndex.terms);
  /** Per organisation that has channels, their ids. An organisation's products are the product index's (`productIdsOf`). */
  private readonly channelsByOrganisation = new Map<string, string[]>();
  private readonly blocked = new Set<string>();
  /** Channels with a blocked pair: most have none, and the search asks about every pair it keeps. */
  private readonly blockedChannels = new Set<string>();
  readonly excluded: PairFilter = (channelId, productId) =>
    this.blockedChannels.has(channelId) && this.blocked.has(pairKey(channelId, productId));

  private constructor(
    readonly clusterId: string,
    public table: ComplementarityTable,
    public rulesStamp: string,
    /** Database time the data was read at: changes after it are not in the snapshot. */
    public readAt: Date,
  ) {}

  static async load(em: EntityManager, clusterId: string): Promise<MatchingSnapshot> {
    const [{ now }]: { now: Date }[] = await em.query('SELECT now() AS now');
    const { table, stamp } = await loadRules(em, clusterId);
    const snapshot = new MatchingSnapshot(clusterId, table, stamp, now);
    await snapshot.read(em, null);
    return snapshot;
  }

  /**
   * Brings the snapshot up to date for a refresh: re-reads the rules if they changed and every
   * organisation whose catalogue changed since `readAt` (catalogue_changes), plus `also`.
   */
  async catchUp(em: EntityManager, also: string[]): Promise<void> {
    // One round trip: the clock, the rules' stamp and the organisations whose catalogue changed.
    // Changes commit in the transaction of the change; a few seconds of overlap covers commits
    // that were in flight when the snapshot was read. Re-reading an organisation is harmless.
    const [{ now, stamp, changed }]: { now: Date; stamp: string; changed: string[] }[] = await em.query(
      `SELECT now() AS now, (${RULES_STAMP_SQL}) AS stamp,
              ARRAY(SELECT DISTINCT organisation_id::text FROM catalogue_changes
                    WHERE cluster_id = $1 AND changed_at > $2::timestamptz - interval '5 seconds') AS changed`,
      [this.clusterId, this.readAt],
    );
    if (stamp !== this.rulesStamp) {
      const rules = await loadRules(em, this.clusterId);
      this.table = rules.table;
      this.rulesStamp = rules.stamp;
    }
    const organisations = [...new Set([...also, ...changed])];
    for (const organisationId of organisations) this.drop(organisationId);
    await this.read(em, organisations);
    this.readAt = now;
  }

  /**
   * Reads the catalogue and the blocked pairs of the cluster, or of these organisations only
   * (their pairs as host or as guest), into the snapshot.
   */
  private async read(em: EntityManager, organisations: string[] | null): Promise<void> {
    const mine = organisations === null ? '' : 'AND organisation_id = ANY($3)';
    const params = organisations === null ? [] : [organisations];
    // Products in pages by id: a large cluster's rows are never all in memory at once, and each
    // page arrives in id order, the order the index keeps them in. The next page is asked for
    // (on another pooled connection) before this one is indexed, so PostgreSQL reads it meanwhile.
    // Pages of 20,000: rows held longer are promoted to the old generation as garbage, and at
    // 100k SMEs pages of 50,000 raised the load's peak heap by ~35 MB at no gain in time.
    const productPage = (after: string): Promise<ProductRow[]> => em.query(
      `SELECT id, organisation_id, category, grade, ${joined('segments')}, ${joined('markets')} FROM products
       WHERE cluster_id = $1 AND id > $2::uuid ${mine} ORDER BY id LIMIT ${PAGE}`,
      [this.clusterId, after, ...params],
    );
    const channelPage = (): Promise<ChannelRow[]> => em.query(
      `SELECT id, organisation_id, type, ${joined('markets')}, ${joined('segments')}, capacity, used_capacity, active
       FROM channels WHERE cluster_id = $1 ${mine.replace('$3', '$2')}`,
      [this.clusterId, ...params],
    );
    const blockedRows: Promise<{ channel_id: string; product_id: string }[]> = em.query(
      `SELECT channel_id, product_id FROM channel_matches
       WHERE cluster_id = $1 AND ${BLOCKED}
         ${organisations === null ? '' : 'AND (host_organisation_id = ANY($3) OR guest_organisation_id = ANY($3))'}`,
      organisations === null ? [this.clusterId, COOL_DOWN_DAYS] : [this.clusterId, COOL_DOWN_DAYS, organisations],
    );
    // Settled now, awaited below: a failure is reported once, by the await.
    blockedRows.catch(() => undefined);
    // The channels are asked for with the last product page (not at the start: their rows would
    // wait in memory through the whole product load, long enough to be promoted as garbage).
    let channelRows: Promise<ChannelRow[]> | undefined;
    for (let next: Promise<ProductRow[]> | null = productPage('00000000-0000-0000-0000-000000000000'); next; ) {
      const page: ProductRow[] = await next;
      next = page.length < PAGE ? null : productPage(page[page.length - 1].id);
      next?.catch(() => undefined);
      if (!next) (channelRows = channelPage()).catch(() => undefined);
      this.putProducts(page, organisations === null);
    }
    if (organisations === null) {
      // Arrays grown one push at a time keep room for 17 items; these hold a few (see ProductIndex.compact).
      this.productIndex.compact();
    }
    this.putChannels(await channelRows!);
    this.productIndex.terms.forgetRows();
    for (const b of await blockedRows) {
      this.blocked.add(pairKey(b.channel_id, b.product_id));
      this.blockedChannels.add(b.channel_id);
    }
  }

  /** A matcher over the snapshot as it is now (make a new one after a catch-up). */
  matcher(k: number): MutualMatcher {
    return new MutualMatcher(this, k);
  }

  /** Products by id, as `evaluate` reads them (held once, in the product index). */
  readonly products = { get: (id: string): GuestProduct | undefined => this.productIndex.product(id) };

  productsOf(organisationId: string): GuestProduct[] {
    return this.productIndex.productIdsOf(organisationId).flatMap((id) => this.products.get(id) ?? []);
  }

  channelsOf(organisationId: string): HostChannel[] {
    return (this.channelsByOrganisation.get(organisationId) ?? []).map((id) => this.channels.get(id)!);
  }

  /** `fresh`: a first load, so none of these products is held yet. */
  private putProducts(rows: ProductRow[], fresh: boolean): void {
    const { terms } = this.productIndex;
    for (const r of rows) {
      const markets = terms.marketIds(r.markets, SEPARATOR);
      const segments = terms.segmentIds(r.segments, SEPARATOR);
      this.productIndex.addRow(r.id, r.organisation_id, terms.canonicalCategory(r.category), r.grade, markets, segments, fresh);
    }
  }

  /** After the products: a channel's host sells what the product index holds of its organisation. */
  private putChannels(rows: ChannelRow[]): void {
    const { terms } = this.productIndex;
    const channels = rows.map((r): HostChannel => {
      let ids = this.channelsByOrganisation.get(r.organisation_id);
      const first = this.channels.get(ids?.[0] ?? '');
      // One organisation id string and one list of what it sells for all its channels.
      const organisationId = first?.organisationId ?? this.productIndex.organisationId(r.organisation_id) ?? r.organisation_id;
      // Markets and segments as the terms' shared names of each set (many channels name the same set).
      const channel: HostChannel = {
        id: r.id, organisationId, type: r.type,
        markets: terms.marketNames(terms.marketIds(r.markets, SEPARATOR)), segments: terms.segmentNames(terms.segmentIds(r.segments, SEPARATOR)),
        capacity: r.capacity, usedCapacity: r.used_capacity, active: r.active, hostProducts: first?.hostProducts ?? this.sold(organisationId),
      };
      this.channels.set(channel.id, channel);
      if (ids) ids.push(channel.id);
      else this.channelsByOrganisation.set(organisationId, (ids = [channel.id])); // a literal at its size: most hosts have one channel
      return channel;
    });
    this.channelIndex.addAll(channels);
  }

  /**
   * The distinct (category, grade) an organisation's held products sell, in their order (shared
   * pair objects). A product that names no market is not held; the API requires at least one.
   */
  private sold(organisationId: string): { category: string; grade: number }[] {
    const { terms } = this.productIndex;
    const sold = this.productIndex.soldBy(organisationId).map((p) => terms.sold(p.category, p.grade));
    return sold.filter((pair, i) => sold.indexOf(pair) === i).slice(); // at its size
  }

  private drop(organisationId: string): void {
    this.productIndex.removeOrganisation(organisationId);
    for (const id of this.channelsByOrganisation.get(organisationId) ?? []) {
      this.channelIndex.remove(this.channels.get(id)!);
      this.channels.delete(id);
    }
    this.channelsByOrganisation.delete(organisationId);
  }
}

const BLOCKED = `(status = 'agreed' OR (status IN ('declined', 'rejected') AND closed_at > now() - make_interval(days => $2)))`;

/** Changes whenever a rule of cluster $1 is added, changed or deleted. */
const RULES_STAMP_SQL = `SELECT count(*) || '@' || coalesce(max(updated_at)::text, '-') FROM complementarity_rules WHERE cluster_id = $1::uuid`;

async function loadRules(em: EntityManager, clusterId: string): Promise<{ table: ComplementarityTable; stamp: string }> {
  const rules: { category_a: string; category_b: string; weight: number; stamp: string }[] = await em.query(
    `SELECT category_a, category_b, weight, (${RULES_STAMP_SQL}) AS stamp FROM complementarity_rules WHERE cluster_id = $1`, [clusterId],
  );
  const [{ stamp }]: { stamp: string }[] = rules.length > 0 ? rules : await em.query(`SELECT (${RULES_STAMP_SQL}) AS stamp`, [clusterId]);
  return { table: new ComplementarityTable(rules.map((r) => ({ categoryA: r.category_a, categoryB: r.category_b, weight: r.weight }))), stamp };
}
