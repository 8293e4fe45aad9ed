import { escapeHtml as e, htmlBody, TemplateDefinition } from './template.types';

export interface ApprovalRequestedData {
  approvalId: string;
  kind: string;
  summary: string;
  dueAt: string;
}

export const approvalRequested: TemplateDefinition<ApprovalRequestedData> = {
  render: {
    en: (d) => ({
      subject: `To review: ${d.summary}`,
      text: `A ${d.kind.replace(/_/g, ' ')} waits for a decision in the approvals queue.\n\n${d.summary}\n\nDue: ${d.dueAt}\nRequest: ${d.approvalId}\n`,
      html: htmlBody(`A ${e(d.kind.replace(/_/g, ' '))} waits for a decision in the approvals queue.`, e(d.summary), `Due: ${e(d.dueAt)}`),
    }),
  },
};

export interface ApprovalDecidedData {
  approvalId: string;
  kind: string;
  summary: string;
  decision: 'approved' | 'rejected';
  reason: string | null;
}

export const approvalDecided: TemplateDefinition<ApprovalDecidedData> = {
  render: {
    en: (d) => ({
      subject: `${d.decision === 'approved' ? 'Approved' : 'Not approved'}: ${d.summary}`,
      text:
        `Cluster staff ${d.decision} this ${d.kind.replace(/_/g, ' ')}:\n\n${d.summary}\n` +
        (d.reason ? `\nReason: ${d.reason}\n` : ''),
      html: htmlBody(
        `Cluster staff ${e(d.decision)} this ${e(d.kind.replace(/_/g, ' '))}:`,
        e(d.summary),
        ...(d.reason ? [`Reason: ${e(d.reason)}`] : []),
      ),
    }),
  },
};

export interface ApprovalOverdueData {
  approvalId: string;
  summary: string;
  dueAt: string;
}

export const approvalOverdue: TemplateDefinition<ApprovalOverdueData> = {
  render: {
    en: (d) => ({
      subject: `Overdue for a decision: ${d.summary}`,
      text: `This request was due for a decision at ${d.dueAt} and is still open:\n\n${d.summary}\n\nRequest: ${d.approvalId}\n`,
      html: htmlBody(`This request was due for a decision at ${e(d.dueAt)} and is still open:`, e(d.summary)),
    }),
  },
};

export interface DigestData {
  items: { title: string; at: string }[];
}

export const digest: TemplateDefinition<DigestData> = {
  render: {
    en: (d) => ({
      subject: `Your Clusterlink digest: ${d.items.length} update${d.items.length === 1 ? '' : 's'}`,
      text: `Since your last digest:\n\n${d.items.map((i) => `- ${i.title} (${i.at})`).join('\n')}\n`,
      html: htmlBody('Since your last digest:', `<ul>${d.items.map((i) => `<li>${e(i.title)} <small>${e(i.at)}</small></li>`).join('')}</ul>`),
    }),
  },
};
