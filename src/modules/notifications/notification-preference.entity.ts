import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const DELIVERY_MODES = ['immediate', 'daily_digest', 'off'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** How a user wants one category by email. No row means immediate. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid' }) userId: string;
  @PrimaryColumn({ type: 'text' }) category: string;
  @Column({ type: 'text' }) mode: DeliveryMode;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
