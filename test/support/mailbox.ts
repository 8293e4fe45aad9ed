/** Reads mail captured by the SMTP catcher `npm test` started (maildev's REST API). */
export interface CapturedMail {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: { address: string }[];
  headers: Record<string, string>;
}

const base = () => process.env.MAIL_WEB_URL!.replace(/\/$/, '');

export async function mailTo(address: string): Promise<CapturedMail[]> {
  const response = await fetch(`${base()}/api/email`);
  if (!response.ok) throw new Error(`mail catcher answered ${response.status}`);
  const all = (await response.json()) as CapturedMail[];
  return all.filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()));
}

/** Polls until `count` messages to `address` (matching `subject`, if given) arrived, or fails. */
export async function waitForMail(
  address: string,
  options: { subject?: RegExp; count?: number; timeoutMs?: number } = {},
): Promise<CapturedMail[]> {
  const { subject, count = 1, timeoutMs = 15_000 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailTo(address)).filter((m) => !subject || subject.test(m.subject));
    if (found.length >= count) return found;
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} mail(s) to ${address}${subject ? ` matching ${subject}` : ''}, got ${found.length}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The token a mail carries on the line after its instructions (verification and invitation mails). */
export function tokenIn(mail: CapturedMail): string {
  const match = /token=([A-Za-z0-9_-]{20,})|\n([A-Za-z0-9_-]{40,})\n/.exec(mail.text);
  const token = match?.[1] ?? match?.[2];
  if (!token) throw new Error(`no token in mail "${mail.subject}"`);
  return decodeURIComponent(token);
}
