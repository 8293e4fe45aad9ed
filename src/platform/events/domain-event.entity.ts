import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A committed fact other modules react to, delivered to their handlers after commit. */
@Entity('domain_events')
@Index('ix_domain_events_type_created', ['type', 'createdAt'])
@Index('ix_domain_events_undispatched', ['createdAt'], { where: 'dispatched_at IS NULL' })
export class DomainEvent {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) enqueuedAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) dispatchedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
