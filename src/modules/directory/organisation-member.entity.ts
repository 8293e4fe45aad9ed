import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../identity/user.entity';
import { Organisation } from './organisation.entity';
import type { OrganisationRole } from '../../platform/auth/actor';

/** A user who acts for an organisation: an owner manages its members, a member acts for it. */
@Entity('organisation_members')
@Index('ix_organisation_members_user', ['userId'])
export class OrganisationMember {
  @PrimaryColumn({ type: 'uuid' }) organisationId: string;
  @PrimaryColumn({ type: 'uuid' }) userId: string;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'organisation_id' }) organisation?: Organisation;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'user_id' }) user?: User;
  @Column({ type: 'text' }) role: OrganisationRole;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
