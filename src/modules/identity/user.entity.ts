import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../../platform/auth/actor';

@Entity('users')
@Check('ck_users_staff_cluster', `"staff_cluster_id" IS NULL OR 'staff' = ANY("roles")`)
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;

  /** Stored lower-cased; unique. */
  @Index('uq_users_email', { unique: true })
  @Column({ type: 'text' })
  email: string;

  /** Null until the person sets a password (an invited account never signed in). */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: Role[];

  /**
   * Staff: the cluster they work for, set only by an admin's staff invitation; null for everyone
   * else. A talent's home cluster is a different fact, kept on the talent profile.
   */
  @Index('ix_users_staff_cluster')
  @Column({ type: 'uuid', nullable: true })
  staffClusterId: string | null;

  /** Language of emails: en, sv or fi. */
  @Column({ type: 'text', default: 'en' })
  locale: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  emailVerifiedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
