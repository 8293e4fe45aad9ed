import { randomUUID } from 'node:crypto';
import { escapeHtml as escape } from '../../platform/mail/escape-html';
import { MailMessage } from '../../platform/mail/mail-message';

/** "You are invited to act for X" / "to join cluster X as staff", with the single-use token. */
export function invitationMail(to: string, what: string, appUrl: string, token: string, expiresAt: Date): MailMessage {
  return {
    id: randomUUID(),
    to,
    subject: `You are invited ${what} on Clusterlink`,
    text:
      `Hello,\n\nyou are invited ${what} on Clusterlink.\n\n` +
      `Accept by sending this token with a password to POST ${appUrl}/api/v1/invitations/accept:\n${token}\n\n` +
      `The invitation expires at ${expiresAt.toISOString()}. If you did not expect it, ignore this email.\n`,
    html:
      `<p>Hello,</p><p>you are invited ${escape(what)} on Clusterlink.</p>` +
      `<p>Accept by sending this token with a password to <code>POST ${escape(appUrl)}/api/v1/invitations/accept</code>:</p>` +
      `<p><code>${escape(token)}</code></p><p>The invitation expires at ${expiresAt.toISOString()}.</p>`,
  };
}
