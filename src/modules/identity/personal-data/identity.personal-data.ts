import { PersonalDataDeclaration } from '../../../platform/personal-data/personal-data';

/** What identity holds about people; see IdentityPersonalData for export and erasure. */
export const IDENTITY_PERSONAL_DATA: PersonalDataDeclaration = {
  module: 'identity',
  tables: {
    // Pseudonymised on erasure: the row stays so ids elsewhere still resolve, naming nobody.
    users: { personal: ['email', 'display_name', 'password_hash', 'locale', 'email_verified_at'], notPersonal: { roles: 'platform roles' } },
    refresh_tokens: { personal: ['token_hash'] },
    email_tokens: { personal: ['token_hash'] },
  },
};
