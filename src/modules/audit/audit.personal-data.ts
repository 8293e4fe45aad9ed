import { PersonalDataDeclaration } from '../../platform/personal-data/personal-data';

/** What the audit trail holds about people; see AuditPersonalData for export and erasure. */
export const AUDIT_PERSONAL_DATA: PersonalDataDeclaration = {
  module: 'audit',
  tables: {
    // The personal fields of `changes` are sealed per person (ADR 0011); the rows stay, the key goes.
    audit_log: { personal: ['changes'], notPersonal: { action: 'names of actions', subject_kind: 'names of kinds' } },
    personal_data_keys: { personal: ['email', 'key'] },
  },
};
