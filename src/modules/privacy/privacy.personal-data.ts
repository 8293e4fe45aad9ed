import { PersonalDataDeclaration } from '../../platform/personal-data/personal-data';

/** The privacy module's own table: stored exports are a copy of everything, deleted on erasure. */
export const PRIVACY_PERSONAL_DATA: PersonalDataDeclaration = {
  module: 'privacy',
  tables: { personal_data_exports: { personal: ['document'] } },
};
