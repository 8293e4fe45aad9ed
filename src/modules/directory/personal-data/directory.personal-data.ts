import { PersonalDataDeclaration } from '../../../platform/personal-data/personal-data';

/** What the directory holds about people; see DirectoryPersonalData for export and erasure. */
export const DIRECTORY_PERSONAL_DATA: PersonalDataDeclaration = {
  module: 'directory',
  tables: {
    talent_profiles: { personal: ['headline', 'skills', 'languages', 'years_of_experience'] },
    organisation_members: { personal: ['user_id', 'role'] },
    invitations: { personal: ['email', 'token_hash'] },
    organisations: { personal: [], notPersonal: { name: "an organisation's name, kept when its people leave" } },
    clusters: { personal: [], notPersonal: { name: "a cluster's name" } },
    regions: { personal: [], notPersonal: { name: "a region's name" } },
  },
};
