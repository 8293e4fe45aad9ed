import { ALWAYS_IMMEDIATE, NotificationCategory } from './categories';
import type { DeliveryMode } from './notification-preference.entity';
import type { EmailStatus } from './notification.entity';

/** The email status a new notification starts in, from its category and the recipient's preference. */
export function statusFor(category: NotificationCategory, mode: DeliveryMode): EmailStatus {
  if (ALWAYS_IMMEDIATE.includes(category)) return 'pending';
  return mode === 'off' ? 'skipped' : mode === 'daily_digest' ? 'digest' : 'pending';
}
