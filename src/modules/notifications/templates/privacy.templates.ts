import { escapeHtml as e, htmlBody, TemplateDefinition } from './template.types';

export interface OrganisationOwnerlessData {
  organisationId: string;
  organisationName: string;
}

/** To the cluster's staff: the last owner of an organisation had their personal data erased. */
export const organisationOwnerless: TemplateDefinition<OrganisationOwnerlessData> = {
  render: {
    en: (d) => ({
      subject: `${d.organisationName} has no owner any more`,
      text:
        `The last owner of ${d.organisationName} (${d.organisationId}) had their account erased at their request.\n` +
        'The organisation keeps its records; invite a new owner so that someone can act for it.\n',
      html: htmlBody(
        `The last owner of ${e(d.organisationName)} (${e(d.organisationId)}) had their account erased at their request.`,
        'The organisation keeps its records; invite a new owner so that someone can act for it.',
      ),
    }),
  },
};

export interface ExportReadyData {
  link: string;
  expiresAt: string;
}

/** To the person: their data export is ready to download until it expires. */
export const exportReady: TemplateDefinition<ExportReadyData> = {
  render: {
    en: (d) => ({
      subject: 'Your Clusterlink data export is ready',
      text:
        `Your data export is ready. Download it while signed in:\n${d.link}\n\n` +
        `The link works until ${d.expiresAt}. If you did not ask for an export, change your password.\n`,
      html: htmlBody(
        'Your data export is ready. Download it while signed in:',
        `<a href="${e(d.link)}">${e(d.link)}</a>`,
        `The link works until ${e(d.expiresAt)}. If you did not ask for an export, change your password.`,
      ),
    }),
  },
};
