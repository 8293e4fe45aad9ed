import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const RULE_SOURCES = ['staff', 'taxonomy', 'learned'] as const;
export type RuleSource = (typeof RULE_SOURCES)[number];

/**
 * How strongly two categories complement each other in a cluster (0–1), stored once per pair
 * (smaller code first). Staff decisions on proposals feed `learned_weight`, which staff may adopt.
 */
@Entity('complementarity_rules')
@Index('uq_complementarity_rules_pair', ['clusterId', 'categoryA', 'categoryB'], { unique: true })
@Check('ck_complementarity_rules_order', '"category_a" < "category_b"')
@Check('ck_complementarity_rules_weight', '"weight" >= 0 AND "weight" <= 1')
export class ComplementarityRule {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) clusterId: string;
  @Column({ type: 'text' }) categoryA: string;
  @Column({ type: 'text' }) categoryB: string;
  @Column({ type: 'real' }) weight: number;
  @Column({ type: 'text' }) source: RuleSource;
  /** Smoothed acceptance rate of staff decisions on proposals of this pair; null before any. */
  @Column({ type: 'real', nullable: true }) learnedWeight: number | null;
  @Column({ type: 'int', default: 0 }) decisionsApproved: number;
  @Column({ type: 'int', default: 0 }) decisionsTotal: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
