import { channelMatch, ChannelMatchMailData } from './channel-sharing.templates';
import {
  accountExists, AccountExistsData, invitation, InvitationData, passwordReset, PasswordResetData, verifyEmail, VerifyEmailData,
} from './identity.templates';
import { exportReady, ExportReadyData, organisationOwnerless, OrganisationOwnerlessData } from './privacy.templates';
import { Locale, RenderedMail, TemplateDefinition } from './template.types';
import {
  approvalDecided,
  ApprovalDecidedData,
  approvalOverdue,
  ApprovalOverdueData,
  approvalRequested,
  ApprovalRequestedData,
  digest,
  DigestData,
} from './workflow.templates';

/** Every template and the data it renders from: a module can only send what is declared here. */
export interface TemplateData {
  'identity.verify_email': VerifyEmailData;
  'identity.account_exists': AccountExistsData;
  'identity.password_reset': PasswordResetData;
  'directory.invitation': InvitationData;
  'approvals.requested': ApprovalRequestedData;
  'approvals.decided': ApprovalDecidedData;
  'approvals.overdue': ApprovalOverdueData;
  'notifications.digest': DigestData;
  'channel_sharing.match': ChannelMatchMailData;
  'privacy.organisation_ownerless': OrganisationOwnerlessData;
  'privacy.export_ready': ExportReadyData;
}
export type TemplateName = keyof TemplateData;

const TEMPLATES: { [T in TemplateName]: TemplateDefinition<TemplateData[T]> } = {
  'identity.verify_email': verifyEmail,
  'identity.account_exists': accountExists,
  'identity.password_reset': passwordReset,
  'directory.invitation': invitation,
  'approvals.requested': approvalRequested,
  'approvals.decided': approvalDecided,
  'approvals.overdue': approvalOverdue,
  'notifications.digest': digest,
  'channel_sharing.match': channelMatch,
  'privacy.organisation_ownerless': organisationOwnerless,
  'privacy.export_ready': exportReady,
};

export function isTemplateName(name: string): name is TemplateName {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, name);
}

export function renderTemplate(name: TemplateName, data: unknown, locale: Locale | string = 'en'): RenderedMail {
  const definition = TEMPLATES[name] as TemplateDefinition<unknown>;
  const render = definition.render[locale as Locale] ?? definition.render.en;
  return render(data);
}

/** The data with secret values (tokens, links carrying them) replaced, for storage after sending. */
export function scrubSecrets(name: TemplateName, data: Record<string, unknown>): Record<string, unknown> {
  const keys = (TEMPLATES[name] as TemplateDefinition<unknown>).secretKeys ?? [];
  return keys.length === 0 ? data : { ...data, ...Object.fromEntries(keys.map((k) => [k, '[removed after sending]'])) };
}
