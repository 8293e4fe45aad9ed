import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An export too large to answer inline, kept for its owner to download from the mailed link
 * until it expires; an hourly job deletes expired ones, and erasure of the owner deletes theirs.
 */
@Entity('personal_data_exports')
export class PersonalDataExport {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('ix_personal_data_exports_user')
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'jsonb' }) document: Record<string, unknown>;

  @Index('ix_personal_data_exports_expires')
  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
