import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * pending: waits for (or is in) the mail queue · sent · failed: parked after the last attempt or a
 * permanent SMTP refusal, listed to staff · digest: waits for the recipient's daily digest ·
 * digested: went out inside a digest · skipped: the recipient turned this category off.
 */
export const EMAIL_STATUSES = ['pending', 'sent', 'failed', 'digest', 'digested', 'skipped'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * One message to one person: the outbox row for its email and the item of their in-app feed.
 * Written in the same transaction as the change it reports.
 */
@Entity('notifications')
@Index('ix_notifications_feed', ['recipientUserId', 'createdAt', 'id'])
@Index('ix_notifications_outbox', ['createdAt'], { where: "email_status = 'pending'" })
@Index('ix_notifications_failed', ['clusterId', 'createdAt', 'id'], { where: "email_status = 'failed'" })
@Index('ix_notifications_digest', ['recipientUserId'], { where: "email_status = 'digest'" })
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;

  /** Null for mail to an address with no account yet (an invitation). */
  @Column({ type: 'uuid', nullable: true }) recipientUserId: string | null;
  @Column({ type: 'text' }) recipientEmail: string;
  @Column({ type: 'text', default: 'en' }) locale: string;

  /** The cluster whose staff may see and resend it when delivery fails. */
  @Column({ type: 'uuid', nullable: true }) clusterId: string | null;

  @Column({ type: 'text' }) category: string;
  @Column({ type: 'text' }) template: string;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  /** The rendered subject, for the in-app feed. */
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'boolean' }) inApp: boolean;

  @Column({ type: 'text' }) emailStatus: EmailStatus;
  /** Bumped by a resend, so the new delivery gets a new job id. */
  @Column({ type: 'int', default: 0 }) deliveryGeneration: number;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) enqueuedAt: Date | null;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column({ type: 'text', nullable: true }) smtpMessageId: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) sentAt: Date | null;
  /** The digest notification this one went out in. */
  @Column({ type: 'uuid', nullable: true }) digestId: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) readAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
