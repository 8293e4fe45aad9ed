import { randomUUID } from 'node:crypto';
import { escapeHtml as escape } from '../../platform/mail/escape-html';
import { MailMessage } from '../../platform/mail/mail-message';

export function verificationMail(to: string, displayName: string, appUrl: string, token: string): MailMessage {
  const link = `${appUrl}/api/v1/auth/verify-email?token=${encodeURIComponent(token)}`;
  return {
    id: randomUUID(),
    to,
    subject: 'Confirm your email address for Clusterlink',
    text:
      `Hello ${displayName},\n\nconfirm your email address by opening this link:\n${link}\n\n` +
      `Or send this token to POST /api/v1/auth/verify-email:\n${token}\n\n` +
      'If you did not create a Clusterlink account, ignore this email.\n',
    html:
      `<p>Hello ${escape(displayName)},</p><p>confirm your email address by opening this link:</p>` +
      `<p><a href="${escape(link)}">${escape(link)}</a></p>` +
      '<p>If you did not create a Clusterlink account, ignore this email.</p>',
  };
}

export function accountExistsMail(to: string, appUrl: string): MailMessage {
  return {
    id: randomUUID(),
    to,
    subject: 'You already have a Clusterlink account',
    text:
      'Someone, probably you, tried to register with this email address, which already has an account.\n' +
      `Sign in at ${appUrl}/api/v1/auth/login. If it was not you, you can ignore this email.\n`,
    html:
      '<p>Someone, probably you, tried to register with this email address, which already has an account.</p>' +
      '<p>If it was not you, you can ignore this email.</p>',
  };
}
