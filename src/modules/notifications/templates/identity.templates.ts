import { escapeHtml as e, htmlBody, TemplateDefinition } from './template.types';

/*
 * These mails go to addresses that have not confirmed they want them, so they carry no free text
 * chosen by whoever caused them: no display name, no message. An invitation names the cluster or
 * organisation, whose names are set by accountable staff and owners, and the role.
 */

export interface VerifyEmailData {
  link: string;
  token: string;
}

export const verifyEmail: TemplateDefinition<VerifyEmailData> = {
  secretKeys: ['link', 'token'],
  render: {
    en: (d) => ({
      subject: 'Confirm your email address for Clusterlink',
      text:
        `Hello,\n\nconfirm your email address by opening this link:\n${d.link}\n\n` +
        `Or send this token to POST /api/v1/auth/verify-email:\n${d.token}\n\n` +
        'If you did not create a Clusterlink account, ignore this email.\n',
      html: htmlBody(
        'Hello,',
        'confirm your email address by opening this link:',
        `<a href="${e(d.link)}">${e(d.link)}</a>`,
        'If you did not create a Clusterlink account, ignore this email.',
      ),
    }),
    sv: (d) => ({
      subject: 'Bekräfta din e-postadress för Clusterlink',
      text:
        `Hej,\n\nbekräfta din e-postadress genom att öppna länken:\n${d.link}\n\n` +
        `Eller skicka denna kod till POST /api/v1/auth/verify-email:\n${d.token}\n\n` +
        'Om du inte har skapat ett Clusterlink-konto kan du bortse från detta meddelande.\n',
      html: htmlBody('Hej,', 'bekräfta din e-postadress genom att öppna länken:', `<a href="${e(d.link)}">${e(d.link)}</a>`),
    }),
    fi: (d) => ({
      subject: 'Vahvista sähköpostiosoitteesi Clusterlinkiin',
      text:
        `Hei,\n\nvahvista sähköpostiosoitteesi avaamalla linkki:\n${d.link}\n\n` +
        `Tai lähetä tämä koodi osoitteeseen POST /api/v1/auth/verify-email:\n${d.token}\n\n` +
        'Jos et luonut Clusterlink-tiliä, voit jättää tämän viestin huomiotta.\n',
      html: htmlBody('Hei,', 'vahvista sähköpostiosoitteesi avaamalla linkki:', `<a href="${e(d.link)}">${e(d.link)}</a>`),
    }),
  },
};

export interface AccountExistsData {
  loginUrl: string;
}

export const accountExists: TemplateDefinition<AccountExistsData> = {
  render: {
    en: (d) => ({
      subject: 'You already have a Clusterlink account',
      text:
        'Someone, probably you, tried to register with this email address, which already has an account.\n' +
        `Sign in at ${d.loginUrl}. If it was not you, you can ignore this email.\n`,
      html: htmlBody(
        'Someone, probably you, tried to register with this email address, which already has an account.',
        'If it was not you, you can ignore this email.',
      ),
    }),
  },
};

export interface PasswordResetData {
  link: string;
  token: string;
  expiresAt: string;
}

export const passwordReset: TemplateDefinition<PasswordResetData> = {
  secretKeys: ['link', 'token'],
  render: {
    en: (d) => ({
      subject: 'Reset your Clusterlink password',
      text:
        `Hello,\n\nchoose a new password by opening this link:\n${d.link}\n\n` +
        `Or send this token with a newPassword to POST /api/v1/auth/password-reset/confirm:\n${d.token}\n\n` +
        `The token works once, until ${d.expiresAt}. Setting a new password signs out every session.\n` +
        'If you did not ask for this, ignore this email; your password stays as it is.\n',
      html: htmlBody(
        'Hello,',
        'choose a new password by opening this link:',
        `<a href="${e(d.link)}">${e(d.link)}</a>`,
        `The link works once, until ${e(d.expiresAt)}. If you did not ask for this, ignore this email.`,
      ),
    }),
  },
};

export interface InvitationData {
  what: string;
  link: string;
  acceptUrl: string;
  token: string;
  expiresAt: string;
}

export const invitation: TemplateDefinition<InvitationData> = {
  secretKeys: ['link', 'token'],
  render: {
    en: (d) => ({
      subject: `You are invited ${d.what} on Clusterlink`,
      text:
        `Hello,\n\nyou are invited ${d.what} on Clusterlink.\n\nAccept by opening this link:\n${d.link}\n\n` +
        `Or send this token with a password to POST ${d.acceptUrl}:\n${d.token}\n\n` +
        `The invitation expires at ${d.expiresAt}. If you did not expect it, ignore this email.\n`,
      html: htmlBody(
        'Hello,',
        `you are invited ${e(d.what)} on Clusterlink.`,
        `Accept by opening this link: <a href="${e(d.link)}">${e(d.link)}</a>`,
        `Or send this token with a password to <code>POST ${e(d.acceptUrl)}</code>:`,
        `<code>${e(d.token)}</code>`,
        `The invitation expires at ${e(d.expiresAt)}.`,
      ),
    }),
  },
};
