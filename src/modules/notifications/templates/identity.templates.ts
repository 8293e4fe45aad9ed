import { escapeHtml as e, htmlBody, TemplateDefinition } from './template.types';

export interface VerifyEmailData {
  displayName: string;
  link: string;
  token: string;
}

export const verifyEmail: TemplateDefinition<VerifyEmailData> = {
  secretKeys: ['link', 'token'],
  render: {
    en: (d) => ({
      subject: 'Confirm your email address for Clusterlink',
      text:
        `Hello ${d.displayName},\n\nconfirm your email address by opening this link:\n${d.link}\n\n` +
        `Or send this token to POST /api/v1/auth/verify-email:\n${d.token}\n\n` +
        'If you did not create a Clusterlink account, ignore this email.\n',
      html: htmlBody(
        `Hello ${e(d.displayName)},`,
        'confirm your email address by opening this link:',
        `<a href="${e(d.link)}">${e(d.link)}</a>`,
        'If you did not create a Clusterlink account, ignore this email.',
      ),
    }),
    sv: (d) => ({
      subject: 'Bekräfta din e-postadress för Clusterlink',
      text:
        `Hej ${d.displayName},\n\nbekräfta din e-postadress genom att öppna länken:\n${d.link}\n\n` +
        `Eller skicka denna kod till POST /api/v1/auth/verify-email:\n${d.token}\n\n` +
        'Om du inte har skapat ett Clusterlink-konto kan du bortse från detta meddelande.\n',
      html: htmlBody(`Hej ${e(d.displayName)},`, 'bekräfta din e-postadress genom att öppna länken:', `<a href="${e(d.link)}">${e(d.link)}</a>`),
    }),
    fi: (d) => ({
      subject: 'Vahvista sähköpostiosoitteesi Clusterlinkiin',
      text:
        `Hei ${d.displayName},\n\nvahvista sähköpostiosoitteesi avaamalla linkki:\n${d.link}\n\n` +
        `Tai lähetä tämä koodi osoitteeseen POST /api/v1/auth/verify-email:\n${d.token}\n\n` +
        'Jos et luonut Clusterlink-tiliä, voit jättää tämän viestin huomiotta.\n',
      html: htmlBody(`Hei ${e(d.displayName)},`, 'vahvista sähköpostiosoitteesi avaamalla linkki:', `<a href="${e(d.link)}">${e(d.link)}</a>`),
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

export interface InvitationData {
  what: string;
  acceptUrl: string;
  token: string;
  expiresAt: string;
}

export const invitation: TemplateDefinition<InvitationData> = {
  secretKeys: ['token'],
  render: {
    en: (d) => ({
      subject: `You are invited ${d.what} on Clusterlink`,
      text:
        `Hello,\n\nyou are invited ${d.what} on Clusterlink.\n\n` +
        `Accept by sending this token with a password to POST ${d.acceptUrl}:\n${d.token}\n\n` +
        `The invitation expires at ${d.expiresAt}. If you did not expect it, ignore this email.\n`,
      html: htmlBody(
        'Hello,',
        `you are invited ${e(d.what)} on Clusterlink.`,
        `Accept by sending this token with a password to <code>POST ${e(d.acceptUrl)}</code>:`,
        `<code>${e(d.token)}</code>`,
        `The invitation expires at ${e(d.expiresAt)}.`,
      ),
    }),
  },
};
