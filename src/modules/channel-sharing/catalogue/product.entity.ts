import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from '../../directory/organisation.entity';

export const PRICE_BANDS = ['low', 'mid', 'high'] as const;
export type PriceBand = (typeof PRICE_BANDS)[number];

/** Something an organisation sells, which another member's channel might carry. */
@Entity('products')
@Index('ix_products_cluster_page', ['clusterId', 'createdAt', 'id'])
@Index('ix_products_organisation', ['organisationId'])
export class Product {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'organisation_id' }) organisation?: Organisation;
  /** The organisation's cluster, kept here so a run can select a cluster's products directly. */
  @Column({ type: 'uuid' }) clusterId: string;
  @Column({ type: 'text' }) name: string;
  /** A NAICS 2017 6-digit industry code: a leaf of the cluster's taxonomy. */
  @Column({ type: 'text' }) category: string;
  /** 1 (economy) … 5 (premium). */
  @Column({ type: 'smallint' }) grade: number;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) segments: string[];
  /** ISO 3166-1 alpha-2 countries. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) markets: string[];
  @Column({ type: 'text', nullable: true }) priceBand: PriceBand | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
