import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Cluster } from './cluster.entity';
import { Organisation } from './organisation.entity';
import type { OrganisationRole } from '../../platform/auth/actor';

export type InvitationKind = 'staff' | 'organisation_member';

/** An emailed, single-use invitation to become cluster staff or a member of an organisation. */
@Entity('invitations')
@Index('ix_invitations_cluster_page', ['clusterId', 'createdAt', 'id'])
@Index('ix_invitations_organisation_page', ['organisationId', 'createdAt', 'id'])
export class Invitation {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('uq_invitations_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text' }) kind: InvitationKind;
  @Column({ type: 'uuid' }) clusterId: string;
  @Column({ type: 'uuid', nullable: true }) organisationId: string | null;
  @ManyToOne(() => Cluster, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'cluster_id' }) cluster?: Cluster;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'organisation_id' }) organisation?: Organisation;
  @Column({ type: 'text', nullable: true }) organisationRole: OrganisationRole | null;
  @Column({ type: 'uuid' }) invitedBy: string;
  @Column({ type: 'timestamptz', precision: 3 }) expiresAt: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) acceptedAt: Date | null;
  /** Set when an owner, staff or an admin withdraws the invitation, or its inviter is removed; it can no longer be accepted. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) revokedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) revokedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
