import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One organisation's products or channels changed. A full run re-reads the organisations that
 * changed while its snapshot was being read; rows older than a day are pruned nightly.
 */
@Entity('catalogue_changes')
@Index('ix_catalogue_changes_cluster_time', ['clusterId', 'changedAt'])
export class CatalogueChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'uuid' }) clusterId: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' }) changedAt: Date;
}
