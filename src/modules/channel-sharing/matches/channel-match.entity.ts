import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { FactorExplanation } from '../matching/scoring';

export const MATCH_STATUSES = ['proposed', 'approved', 'rejected', 'accepted', 'agreed', 'declined', 'expired'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/**
 * A proposed pairing of a host's channel with a guest's product, with the score and the
 * explanation of every factor. Lifecycle: proposed → approved | rejected (staff) → accepted (both
 * parties) → agreed (an agreement), or declined / expired.
 */
@Entity('channel_matches')
@Index('uq_channel_matches_open_pair', ['channelId', 'productId'], {
  unique: true,
  where: "status IN ('proposed', 'approved', 'accepted', 'agreed')",
})
@Index('ix_channel_matches_cluster_page', ['clusterId', 'createdAt', 'id'])
@Index('ix_channel_matches_host', ['hostOrganisationId'])
@Index('ix_channel_matches_guest', ['guestOrganisationId'])
export class ChannelMatch {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) clusterId: string;
  @Column({ type: 'uuid' }) channelId: string;
  @Column({ type: 'uuid' }) productId: string;
  @Column({ type: 'uuid' }) hostOrganisationId: string;
  @Column({ type: 'uuid' }) guestOrganisationId: string;
  @Column({ type: 'real' }) score: number;
  @Column({ type: 'jsonb' }) factors: FactorExplanation[];
  @Column({ type: 'text', default: 'proposed' }) status: MatchStatus;
  @Column({ type: 'uuid', nullable: true }) approvalId: string | null;
  @Column({ type: 'uuid', nullable: true }) runId: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) hostAcceptedAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) guestAcceptedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) declinedByOrganisationId: string | null;
  @Column({ type: 'text', nullable: true }) declineReason: string | null;
  /** An approved proposal not answered by then expires (with a reminder before). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) respondBy: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) reminderSentAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) closedAt: Date | null;
  /** The agreement the host recorded once both accepted; it takes capacity from the channel. */
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true }) agreementCommissionPct: string | null;
  @Column({ type: 'int', nullable: true }) agreementCapacity: number | null;
  @Column({ type: 'int', nullable: true }) agreementTermMonths: number | null;
  @Column({ type: 'date', nullable: true }) agreementStartsOn: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) agreedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
