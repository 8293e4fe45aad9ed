import { PersonalDataDeclaration } from '../../../platform/personal-data/personal-data';

/** What the approvals queue holds about people: ids only, and decisions staff took in their role. */
export const APPROVALS_PERSONAL_DATA: PersonalDataDeclaration = {
  module: 'approvals',
  tables: {
    approval_requests: {
      personal: [],
      notPersonal: {
        reason: "staff's reason for a decision, written in their role: the cluster's record of the decision, exported to its author",
      },
    },
  },
};
