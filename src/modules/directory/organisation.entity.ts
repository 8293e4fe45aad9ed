import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Cluster } from './cluster.entity';
import { Region } from './region.entity';

export const ORGANISATION_KINDS = [
  'sme',
  'leading_enterprise',
  'research_institute',
  'university',
  'government_agency',
  'financial_institution',
  'intermediary',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

@Entity('organisations')
@Index('ix_organisations_cluster_page', ['clusterId', 'createdAt', 'id'])
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) clusterId: string;
  @ManyToOne(() => Cluster, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'cluster_id' }) cluster?: Cluster;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: OrganisationKind;

  /** NAICS 2017 codes, checked against the published list. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  naicsCodes: string[];

  @Column({ type: 'uuid', nullable: true }) regionId: string | null;
  @ManyToOne(() => Region, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'region_id' }) region?: Region;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 }) country: string;

  @Column({ type: 'int' }) employeeCount: number;
  @Column({ type: 'text', nullable: true }) website: string | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
