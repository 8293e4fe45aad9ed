import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from '../../directory/organisation.entity';
import type { ChannelType } from '../matching/scoring';

/** A sales channel of an organisation, with the capacity it can lend to others' products. */
@Entity('channels')
@Index('ix_channels_cluster_page', ['clusterId', 'createdAt', 'id'])
@Index('ix_channels_organisation', ['organisationId'])
@Check('ck_channels_capacity', '"used_capacity" >= 0 AND "used_capacity" <= "capacity"')
export class Channel {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'organisation_id' }) organisation?: Organisation;
  @Column({ type: 'uuid' }) clusterId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) type: ChannelType;
  /** ISO 3166-1 alpha-2 countries the channel reaches. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) markets: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) segments: string[];
  @Column({ type: 'int' }) capacity: number;
  @Column({ type: 'int', default: 0 }) usedCapacity: number;
  /** What capacity counts, in the channel's own words (pallets a month, shelf metres, SKUs). */
  @Column({ type: 'text' }) capacityUnit: string;
  @Column({ type: 'numeric', precision: 5, scale: 2 }) commissionPct: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
