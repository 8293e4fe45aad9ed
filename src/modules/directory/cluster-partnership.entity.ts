import { Check, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Cluster } from './cluster.entity';

/**
 * Two clusters that exchange talents (Medicon Valley ↔ Boston). Stored once per pair with the
 * smaller id first, so a pair cannot be recorded twice in opposite directions.
 */
@Entity('cluster_partnerships')
@Check('ck_cluster_partnerships_order', '"cluster_a_id" < "cluster_b_id"')
@Index('ix_cluster_partnerships_b', ['clusterBId'])
export class ClusterPartnership {
  @PrimaryColumn({ type: 'uuid' }) clusterAId: string;
  @PrimaryColumn({ type: 'uuid' }) clusterBId: string;
  @ManyToOne(() => Cluster, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'cluster_a_id' }) clusterA?: Cluster;
  @ManyToOne(() => Cluster, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'cluster_b_id' }) clusterB?: Cluster;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
