import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { visibleOr404 } from '../../../platform/access/actor-scope';
import { Actor } from '../../../platform/auth/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { EventBus } from '../../../platform/events/event-bus';
import { ValidationFailedError } from '../../../platform/http/domain-error';
import { Page, PageQuery, paginate } from '../../../platform/http/pagination';
import { AuditService } from '../../audit/audit.service';
import { ClustersService } from '../../directory/clusters.service';
import { ClusterNotFoundError } from '../../directory/directory.errors';
import { naicsTitle } from '../../directory/reference-data';
import { channelSharingAccess } from '../channel-sharing-access';
import { NoLearnedWeightError, RuleExistsError, RuleNotFoundError } from '../channel-sharing.errors';
import { ComplementarityRule } from './complementarity-rule.entity';
import { CreateRuleDto, RuleView } from './dto/rule.dto';
import { taxonomyPairs } from './taxonomy';

/** Most taxonomy rules one seeding call adds: a cluster with many categories seeds in several calls. */
export const SEED_RULES_PER_CALL = 500;

const view = (r: ComplementarityRule): RuleView => ({
  id: r.id,
  clusterId: r.clusterId,
  categoryA: r.categoryA,
  categoryATitle: naicsTitle(r.categoryA),
  categoryB: r.categoryB,
  categoryBTitle: naicsTitle(r.categoryB),
  weight: r.weight,
  source: r.source,
  learnedWeight: r.learnedWeight,
  decisionsApproved: r.decisionsApproved,
  decisionsTotal: r.decisionsTotal,
});

/** Staff curate which categories complement each other in their cluster, and how strongly. */
@Injectable()
export class ComplementarityRulesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clusters: ClustersService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  /** The cluster's rules, newest first, a page at a time. */
  async list(actor: Actor, query: PageQuery & { clusterId?: string }): Promise<Page<RuleView>> {
    const cluster = this.clusterFor(actor, query.clusterId);
    await this.clusters.require(this.uow.reader, cluster); // an admin naming no cluster gets 404, not []
    const qb = this.uow.reader.createQueryBuilder(ComplementarityRule, 'r').where('r.cluster_id = :cluster', { cluster });
    const page = await paginate(qb, query);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  async create(actor: Actor, dto: CreateRuleDto): Promise<RuleView> {
    const clusterId = this.clusterFor(actor, dto.clusterId);
    if (dto.categoryA === dto.categoryB) {
      throw new ValidationFailedError([{ field: 'categoryB', messages: ['categoryB must differ from categoryA (grades of one category complement by themselves)'] }]);
    }
    const [categoryA, categoryB] = [dto.categoryA, dto.categoryB].sort();
    return this.uow.run(async (em) => {
      await this.clusters.require(em, clusterId);
      if (await em.existsBy(ComplementarityRule, { clusterId, categoryA, categoryB })) throw new RuleExistsError();
      const rule = await em.save(em.create(ComplementarityRule, { clusterId, categoryA, categoryB, weight: dto.weight, source: 'staff' }));
      await this.record(em, actor, rule, null, 'complementarity_rule.created');
      return view(rule);
    });
  }

  async setWeight(actor: Actor, id: string, weight: number, source: 'staff' | 'learned' = 'staff'): Promise<RuleView> {
    return this.uow.run(async (em) => {
      const rule = await this.visible(em, actor, id);
      const before = view(rule);
      if (source === 'learned') {
        if (rule.learnedWeight === null) throw new NoLearnedWeightError();
        weight = rule.learnedWeight;
      }
      if (rule.weight === weight && rule.source === source) return before; // nothing to save, audit or rebuild
      Object.assign(rule, { weight, source });
      await em.save(rule);
      await this.record(em, actor, rule, before, 'complementarity_rule.updated');
      return view(rule);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.uow.run(async (em) => {
      const rule = await this.visible(em, actor, id);
      await em.delete(ComplementarityRule, { id });
      await this.record(em, actor, rule, view(rule), 'complementarity_rule.deleted', true);
    });
  }

  /**
   * Default rules from the taxonomy for the categories the cluster's products use (see
   * `taxonomyPairs`); existing rules stay. One call adds at most `SEED_RULES_PER_CALL`, the
   * strongest first; `remaining` says how many another call would add.
   */
  async seedFromTaxonomy(actor: Actor, clusterId?: string): Promise<{ added: number; remaining: number }> {
    const cluster = this.clusterFor(actor, clusterId);
    return this.uow.run(async (em) => {
      await this.clusters.require(em, cluster);
      const rows: { category: string; segments: string[] }[] = await em.query(
        `SELECT category, array_agg(DISTINCT segment ORDER BY segment) AS segments
         FROM products, unnest(segments) AS segment WHERE cluster_id = $1 GROUP BY category`, [cluster]);
      const existing = new Set((await em.find(ComplementarityRule, { where: { clusterId: cluster }, select: { categoryA: true, categoryB: true } }))
        .map((r) => `${r.categoryA}-${r.categoryB}`));
      const missing = taxonomyPairs(rows).filter(([a, b]) => !existing.has(`${a}-${b}`)).sort((x, y) => y[2] - x[2]);
      const pairs = missing.slice(0, SEED_RULES_PER_CALL);
      if (pairs.length === 0) return { added: 0, remaining: 0 };
      const result = await em
        .createQueryBuilder()
        .insert()
        .into(ComplementarityRule)
        .values(pairs.map(([categoryA, categoryB, weight]) => ({ clusterId: cluster, categoryA, categoryB, weight, source: 'taxonomy' as const })))
        .orIgnore()
        .returning(['id'])
        .execute();
      const added = (result.raw as unknown[]).length;
      await this.audit.record(em, actor, {
        action: 'complementarity_rule.seeded', subjectKind: 'cluster', subjectId: cluster, clusterId: cluster, after: { added },
      });
      if (added > 0) await this.events.publish(em, 'channel_sharing.rules_changed', { clusterId: cluster });
      return { added, remaining: missing.length - pairs.length };
    });
  }

  private clusterFor(actor: Actor, clusterId?: string): string {
    const cluster = clusterId ?? actor.clusterId;
    if (!cluster) throw new ValidationFailedError([{ field: 'clusterId', messages: ['clusterId is required'] }]);
    // Only staff reach here (the controller's roles); staff of another cluster are told it is not
    // there, as for any of its records.
    if (!channelSharingAccess.curatesRules(actor, cluster)) throw new ClusterNotFoundError();
    return cluster;
  }

  private async visible(em: EntityManager, actor: Actor, id: string): Promise<ComplementarityRule> {
    const rule = await em.findOne(ComplementarityRule, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return visibleOr404(rule, (r) => channelSharingAccess.curatesRules(actor, r.clusterId), () => new RuleNotFoundError());
  }

  private async record(em: EntityManager, actor: Actor, rule: ComplementarityRule, before: RuleView | null, action: string, deleted = false) {
    await this.audit.record(em, actor, {
      action, subjectKind: 'complementarity_rule', subjectId: rule.id, clusterId: rule.clusterId,
      before, after: deleted ? null : view(rule),
    });
    // Every change of a rule reweighs pairs across the cluster: a (debounced) full rebuild follows.
    await this.events.publish(em, 'channel_sharing.rules_changed', { clusterId: rule.clusterId });
  }
}
