import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The tenant: organisations, staff, programmes and matches belong to one cluster. */
@Entity('clusters')
export class Cluster {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('uq_clusters_name', { unique: true })
  @Column({ type: 'text' })
  name: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
