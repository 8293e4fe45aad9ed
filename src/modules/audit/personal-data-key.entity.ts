import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One person's key for the personal fields of the audit trail (AES-256-GCM). Erasing the person
 * deletes the key, which leaves their values in the append-only trail unreadable for good
 * (crypto-shredding). A person with an account is keyed by user id; an address that has no
 * account yet (an invitation) by the address, and erasing the account that uses it deletes both.
 */
@Entity('personal_data_keys')
export class PersonalDataKey {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('uq_personal_data_keys_user', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Index('uq_personal_data_keys_email', { unique: true })
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'bytea' }) key: Buffer;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
