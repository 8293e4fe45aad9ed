/**
 * Categories a user can set a delivery mode for. Security mail (verification, invitations,
 * sign-in matters) is always sent at once and cannot be turned off.
 */
export const NOTIFICATION_CATEGORIES = [
  'security',
  'approvals',
  'directory',
  'channel_sharing',
  'talent_exchange',
  'rd_partnerships',
  'brand_clubs',
] as const;
export type PreferenceCategory = (typeof NOTIFICATION_CATEGORIES)[number];
/** `digest` is the daily digest mail itself: internal, always sent. */
export type NotificationCategory = PreferenceCategory | 'digest';

export const ALWAYS_IMMEDIATE: readonly NotificationCategory[] = ['security', 'digest'];
