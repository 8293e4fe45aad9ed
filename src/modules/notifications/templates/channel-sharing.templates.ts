import { escapeHtml as e, htmlBody, TemplateDefinition } from './template.types';

export const MATCH_MAIL_STEPS = ['approved', 'counterpart_accepted', 'accepted', 'declined', 'agreed', 'reminder', 'expired'] as const;
export type MatchMailStep = (typeof MATCH_MAIL_STEPS)[number];

/** One party's view of a channel match, for the mail of one lifecycle step. */
export interface ChannelMatchMailData {
  matchId: string;
  step: MatchMailStep;
  role: 'host' | 'guest';
  /** The recipient's side, e.g. `your distributor "Nordic B2B"`. */
  yours: string;
  /** The other side: anonymous (kind, region, size) until both accepted, then named. */
  counterpart: string;
  score: number;
  /** Each factor in words with its value and weight. */
  explanation: string[];
  respondBy?: string | null;
  reason?: string | null;
  /** Contacts of the other organisation, only once both accepted. */
  contacts?: { name: string; email: string }[];
  agreement?: { commissionPct: number; capacity: number; capacityUnit: string; termMonths: number; startsOn: string } | null;
  link: string;
}

function headline(d: ChannelMatchMailData): { subject: string; lead: string } {
  const pair = d.role === 'host' ? `carrying ${d.counterpart}'s product in ${d.yours}` : `${d.yours} in ${d.counterpart}'s channel`;
  switch (d.step) {
    case 'approved':
      return {
        subject: `Channel-sharing match for ${d.yours}: please answer`,
        lead: `Cluster staff approved a channel-sharing match: ${pair}. Accept or decline it${d.respondBy ? ` by ${d.respondBy}` : ''}. ` +
          'The other organisation is shown without its name until you both accept.',
      };
    case 'counterpart_accepted':
      return { subject: `The other party accepted the match for ${d.yours}`, lead: `The other organisation accepted the match (${pair}). Your answer is awaited${d.respondBy ? ` by ${d.respondBy}` : ''}.` };
    case 'accepted':
      return { subject: `Both accepted: meet ${d.counterpart}`, lead: `You and ${d.counterpart} both accepted the match (${pair}). Here are their contacts.` };
    case 'declined':
      return { subject: `Channel-sharing match for ${d.yours} declined`, lead: `The match (${pair}) was declined.` };
    case 'agreed':
      return { subject: `Channel-sharing agreement recorded with ${d.counterpart}`, lead: `The agreement for ${pair} is recorded.` };
    case 'reminder':
      return { subject: `Reminder: answer the channel-sharing match for ${d.yours}`, lead: `A match (${pair}) waits for your answer${d.respondBy ? ` until ${d.respondBy}` : ''}; after that it expires.` };
    case 'expired':
      return { subject: `Channel-sharing match for ${d.yours} expired`, lead: `The match (${pair}) was not answered in time and has expired.` };
    default:
      // A step this version no longer sends (a row queued before an upgrade): still a readable mail.
      return { subject: `Update on the channel-sharing match for ${d.yours}`, lead: `There is news on the match (${pair}).` };
  }
}

function details(d: ChannelMatchMailData): string[] {
  return [
    ...(d.reason ? [`Reason: ${d.reason}`] : []),
    ...(d.agreement
      ? [`Agreement: ${d.agreement.commissionPct} % commission, ${d.agreement.capacity} ${d.agreement.capacityUnit} of capacity, ${d.agreement.termMonths} months from ${d.agreement.startsOn}.`]
      : []),
    ...(d.contacts?.length ? [`Contacts: ${d.contacts.map((c) => `${c.name} <${c.email}>`).join(', ')}`] : []),
  ];
}

export const channelMatch: TemplateDefinition<ChannelMatchMailData> = {
  render: {
    en: (d) => {
      const { subject, lead } = headline(d);
      const why = [`Why this match (score ${d.score.toFixed(2)} of 1):`, ...d.explanation.map((x) => `- ${x}`)];
      return {
        subject,
        text: [lead, '', ...details(d), '', ...why, '', `Open it: ${d.link}`, ''].join('\n'),
        html: htmlBody(
          e(lead),
          ...details(d).map(e),
          `${e(why[0])}<ul>${d.explanation.map((x) => `<li>${e(x)}</li>`).join('')}</ul>`,
          `<a href="${e(d.link)}">Open the match</a>`,
        ),
      };
    },
  },
};
