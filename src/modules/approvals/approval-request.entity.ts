import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { APPROVAL_KINDS, ApprovalKind } from '../../approval-kinds';

export { APPROVAL_KINDS };
export type { ApprovalKind };

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** One decision staff must take, whatever module it comes from. Decided once, never rewritten. */
@Entity('approval_requests')
@Check('ck_approval_requests_kind', `subject_kind IN (${APPROVAL_KINDS.map((k) => `'${k}'`).join(', ')})`)
@Index('ix_approval_requests_queue', ['clusterId', 'createdAt', 'id'])
@Index('uq_approval_requests_open_subject', ['subjectKind', 'subjectId'], { unique: true, where: "status = 'pending'" })
@Index('ix_approval_requests_due', ['dueAt'], { where: "status = 'pending'" })
export class ApprovalRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) clusterId: string;
  @Column({ type: 'text' }) subjectKind: ApprovalKind;
  @Column({ type: 'uuid' }) subjectId: string;
  /** Organisations whose members may not decide (conflict of interest). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) partyOrganisationIds: string[];
  /** People concerned (a talent, a requester): they may not decide either. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) partyUserIds: string[];
  @Column({ type: 'text' }) summary: string;
  /** What the reviewer needs to decide (e.g. a match's explanation). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) details: Record<string, unknown>;
  @Column({ type: 'uuid', nullable: true }) requestedBy: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) dueAt: Date;
  @Column({ type: 'text', default: 'pending' }) status: ApprovalStatus;
  @Column({ type: 'uuid', nullable: true }) assigneeId: string | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) reminderSentAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
