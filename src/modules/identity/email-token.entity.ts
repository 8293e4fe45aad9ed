import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

export type EmailTokenPurpose = 'verify_email' | 'password_reset';

/** A single-use token sent by email (its SHA-256 stored). */
@Entity('email_tokens')
export class EmailToken {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('ix_email_tokens_user')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'user_id' }) user?: User;

  @Column({ type: 'text' }) purpose: EmailTokenPurpose;

  @Index('uq_email_tokens_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'timestamptz', precision: 3 }) expiresAt: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) usedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
