import { PersonalDataDeclaration } from '../../../platform/personal-data/personal-data';

/** Channel sharing holds organisations' records, not people's. */
export const CHANNEL_SHARING_PERSONAL_DATA: PersonalDataDeclaration = {
  module: 'channel-sharing',
  tables: {
    products: { personal: [], notPersonal: { name: "an organisation's product" } },
    channels: { personal: [], notPersonal: { name: "an organisation's sales channel" } },
    channel_matches: { personal: [], notPersonal: { decline_reason: 'written by a member for their organisation, shown to staff' } },
  },
};
