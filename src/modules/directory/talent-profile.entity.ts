import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../identity/user.entity';
import { Cluster } from './cluster.entity';

/** What a talent brings to an exchange. One per talent user. */
@Entity('talent_profiles')
@Index('ix_talent_profiles_cluster_page', ['homeClusterId', 'createdAt', 'id'])
export class TalentProfile {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('uq_talent_profiles_user', { unique: true })
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' }) homeClusterId: string;
  @OneToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'user_id' }) user?: User;
  @ManyToOne(() => Cluster, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'home_cluster_id' }) homeCluster?: Cluster;
  @Column({ type: 'text', nullable: true }) headline: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) skills: string[];
  /** ISO 639-1 codes. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) languages: string[];
  @Column({ type: 'int' }) yearsOfExperience: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
