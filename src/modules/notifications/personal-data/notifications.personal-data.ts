import { PersonalDataDeclaration } from '../../../platform/personal-data/personal-data';

/** What notifications hold about people; see NotificationsPersonalData for export and erasure. */
export const NOTIFICATIONS_PERSONAL_DATA: PersonalDataDeclaration = {
  module: 'notifications',
  tables: {
    // Rows to the person, and rendered data naming them in rows to others (revealed contacts).
    notifications: {
      personal: ['recipient_user_id', 'recipient_email', 'data', 'title', 'last_error'],
      notPersonal: { email_status: 'the delivery state of a mail' },
    },
    notification_preferences: { personal: ['mode'] },
  },
};
