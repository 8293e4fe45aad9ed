import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * One refresh token of a rotation family. Only the SHA-256 of the token is stored. Presenting a
 * token that was already rotated (used) revokes the whole family: someone copied it.
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('ix_refresh_tokens_user')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'user_id' }) user?: User;

  @Index('ix_refresh_tokens_family')
  @Column({ type: 'uuid' })
  familyId: string;

  @Index('uq_refresh_tokens_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  /** When the family's first token was issued (sign-in); carried over on rotation. */
  @Column({ type: 'timestamptz', precision: 3 }) familyStartedAt: Date;
  /** The family's absolute end: familyStartedAt + REFRESH_TTL_DAYS, the same on every token. */
  @Column({ type: 'timestamptz', precision: 3 }) expiresAt: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) usedAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) revokedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
