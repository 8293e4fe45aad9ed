import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what to which record, and when. Append-only: a database trigger refuses UPDATE,
 * DELETE and TRUNCATE on this table, whoever asks.
 */
@Entity('audit_log')
@Index('ix_audit_log_cluster_page', ['clusterId', 'createdAt', 'id'])
@Index('ix_audit_log_subject', ['subjectKind', 'subjectId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', nullable: true }) clusterId: string | null;
  /** Null for the system (a scheduled job). */
  @Column({ type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'text' }) subjectKind: string;
  @Column({ type: 'text' }) subjectId: string;
  /** Changed fields: `{ field: { before, after } }`, secrets replaced. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) changes: Record<string, { before: unknown; after: unknown }>;
  @Column({ type: 'text', nullable: true }) requestId: string | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
