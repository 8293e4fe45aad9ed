export const LOCALES = ['en', 'sv', 'fi'] as const;
export type Locale = (typeof LOCALES)[number];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** English is required; Swedish and Finnish fall back to it where a template has none. */
export interface TemplateDefinition<D> {
  /** Data keys holding secrets (tokens): removed from the stored row once the mail is sent. */
  secretKeys?: (keyof D & string)[];
  render: { en: (data: D) => RenderedMail } & Partial<Record<Exclude<Locale, 'en'>, (data: D) => RenderedMail>>;
}

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Wraps paragraphs of escaped text into a minimal, mail-client-safe HTML body. */
export function htmlBody(...paragraphs: string[]): string {
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${paragraphs
    .map((p) => `<p>${p}</p>`)
    .join('')}<p style="color:#777;font-size:12px">Clusterlink</p></body></html>`;
}
