import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** What started a run: staff, the nightly schedule, a complementarity-rule change, or an organisation's edit (refresh). */
export const RUN_TRIGGERS = ['staff', 'schedule', 'rules_changed', 'refresh'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** A full rebuild of a cluster's channel matches, split into shards any worker can take. */
@Entity('matching_runs')
@Index('ix_matching_runs_cluster_page', ['clusterId', 'createdAt', 'id'])
// One full run (no organisation) per cluster at a time; concurrent starts settle on this index.
@Index('uq_matching_runs_full_in_flight', ['clusterId'], { unique: true, where: "status = 'running' AND organisation_id IS NULL" })
@Index('ix_matching_runs_staff_recent', ['clusterId', 'createdAt'], { where: "trigger = 'staff'" })
@Check('ck_matching_runs_trigger', `"trigger" IN ('staff', 'schedule', 'rules_changed', 'refresh')`)
export class MatchingRun {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) clusterId: string;
  /** Set for an incremental refresh of one organisation; null for a full rebuild. */
  @Column({ type: 'uuid', nullable: true }) organisationId: string | null;
  @Column({ type: 'text', default: 'running' }) status: RunStatus;
  @Column({ type: 'int' }) k: number;
  @Column({ type: 'int' }) shardsTotal: number;
  @Column({ type: 'int', default: 0 }) channels: number;
  @Column({ type: 'int', default: 0 }) products: number;
  @Column({ type: 'int', nullable: true }) pairsKept: number | null;
  @Column({ type: 'int', nullable: true }) proposalsCreated: number | null;
  @Column({ type: 'int', nullable: true }) proposalsUpdated: number | null;
  @Column({ type: 'int', nullable: true }) proposalsExpired: number | null;
  @Column({ type: 'uuid', nullable: true }) requestedBy: string | null;
  @Column({ type: 'text' }) trigger: RunTrigger;
  @Column({ type: 'text', nullable: true }) error: string | null;
  /** Times the reconciler queued the run's jobs again after they vanished from Redis. */
  @Column({ type: 'int', default: 0 }) requeues: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) finishedAt: Date | null;
}

/** One shard of a run: a slice of the host channels or of the guest products. */
@Entity('matching_run_shards')
export class MatchingRunShard {
  @PrimaryColumn({ type: 'uuid' }) runId: string;
  @PrimaryColumn({ type: 'int' }) shard: number;
  @Column({ type: 'text' }) side: 'channels' | 'products';
  @Column({ type: 'uuid', array: true }) ids: string[];
  @Column({ type: 'text', default: 'pending' }) status: 'pending' | 'done';
  @Column({ type: 'bigint', default: 0 }) pairsScored: string;
  @Column({ type: 'int', default: 0 }) pairsKept: number;
  /** Of its kept pairs, how many the shard made new proposals and how many proposals it refreshed. */
  @Column({ type: 'int', default: 0 }) proposalsCreated: number;
  @Column({ type: 'int', default: 0 }) proposalsUpdated: number;
  @Column({ type: 'int', nullable: true }) millis: number | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) finishedAt: Date | null;
}

/** A pair a shard kept. Replaced whole when the shard runs again. */
@Entity('match_candidates')
@Index('ix_match_candidates_pair', ['runId', 'channelId', 'productId'])
export class MatchCandidate {
  @PrimaryColumn({ type: 'uuid' }) runId: string;
  @PrimaryColumn({ type: 'int' }) shard: number;
  @PrimaryColumn({ type: 'uuid' }) channelId: string;
  @PrimaryColumn({ type: 'uuid' }) productId: string;
  @Column({ type: 'uuid' }) hostOrganisationId: string;
  @Column({ type: 'uuid' }) guestOrganisationId: string;
  @Column({ type: 'real' }) score: number;
  @Column({ type: 'jsonb' }) factors: unknown;
}
