import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Cluster } from './cluster.entity';

/** A region of a cluster, e.g. the Finnish Cleantech Cluster's Kuopio, Lahti, Oulu and Uusimaa. */
@Entity('regions')
@Index('uq_regions_cluster_name', ['clusterId', 'name'], { unique: true })
export class Region {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) clusterId: string;
  @ManyToOne(() => Cluster, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'cluster_id' }) cluster?: Cluster;
  @Column({ type: 'text' }) name: string;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
