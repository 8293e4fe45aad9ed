import { approvalMachine } from '../../src/modules/approvals/approval-state-machine';
import { diff } from '../../src/modules/audit/audit-diff';
import { statusFor } from '../../src/modules/notifications/delivery-mode';
import { isPermanentSmtpFailure } from '../../src/modules/notifications/smtp-errors';
import { renderTemplate, scrubSecrets } from '../../src/modules/notifications/templates/templates';
import { InvalidTransitionError } from '../../src/platform/http/domain-error';

describe('approval lifecycle', () => {
  it.each([
    ['pending', 'approve', 'approved'],
    ['pending', 'reject', 'rejected'],
    ['pending', 'withdraw', 'withdrawn'],
  ] as const)('%s --%s--> %s', (from, event, to) => {
    expect(approvalMachine.next(from, event, { reason: 'because' })).toBe(to);
  });

  it.each(['approved', 'rejected', 'withdrawn'] as const)('%s is final: every event is a 409', (state) => {
    for (const event of ['approve', 'reject', 'withdraw'] as const) {
      expect(() => approvalMachine.next(state, event, { reason: 'x' })).toThrow(InvalidTransitionError);
    }
  });

  it('a rejection needs a reason', () => {
    expect(() => approvalMachine.next('pending', 'reject', { reason: '  ' })).toThrow(/needs a reason/);
    expect(approvalMachine.can('pending', 'reject', { reason: null })).toBe(false);
  });
});

describe('delivery mode per preference', () => {
  it('security and the digest are always sent at once', () => {
    expect(statusFor('security', 'off')).toBe('pending');
    expect(statusFor('security', 'daily_digest')).toBe('pending');
    expect(statusFor('digest', 'off')).toBe('pending');
  });

  it('other categories follow the preference', () => {
    expect(statusFor('approvals', 'immediate')).toBe('pending');
    expect(statusFor('approvals', 'daily_digest')).toBe('digest');
    expect(statusFor('channel_sharing', 'off')).toBe('skipped');
  });
});

describe('SMTP failures', () => {
  it('5xx answers are permanent; 4xx and connection errors are retried', () => {
    expect(isPermanentSmtpFailure({ responseCode: 550 })).toBe(true);
    expect(isPermanentSmtpFailure({ responseCode: 451 })).toBe(false);
    expect(isPermanentSmtpFailure({ code: 'ECONNREFUSED' })).toBe(false);
  });
});

describe('templates', () => {
  const data = { link: 'https://x/verify-email#token=abc', token: 'abc' };

  it('renders the recipient\'s language and falls back to English', () => {
    expect(renderTemplate('identity.verify_email', data, 'fi').subject).toBe('Vahvista sähköpostiosoitteesi Clusterlinkiin');
    expect(renderTemplate('identity.verify_email', data, 'sv').subject).toBe('Bekräfta din e-postadress för Clusterlink');
    expect(renderTemplate('identity.account_exists', { loginUrl: 'u' }, 'fi').subject).toBe('You already have a Clusterlink account');
  });

  it('escapes data in HTML', () => {
    const invitation = { what: 'to act for <script>x</script> as member', link: 'l', acceptUrl: 'u', token: 't', expiresAt: 'e' };
    const html = renderTemplate('directory.invitation', invitation).html;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });

  it('removes secrets from stored data after sending', () => {
    expect(scrubSecrets('identity.verify_email', data)).toEqual({
      link: '[removed after sending]',
      token: '[removed after sending]',
    });
    expect(scrubSecrets('approvals.decided', { summary: 's' })).toEqual({ summary: 's' });
  });
});

describe('audit diff', () => {
  it('keeps changed fields only, and never a secret value', () => {
    const before = { name: 'A', employees: 10, passwordHash: 'old', updatedAt: new Date(1) };
    const after = { name: 'B', employees: 10, passwordHash: 'new', updatedAt: new Date(2) };
    expect(diff(before, after)).toEqual({
      name: { before: 'A', after: 'B' },
      passwordHash: { before: '[secret]', after: '[secret]' },
    });
  });

  it('a creation lists every field as after', () => {
    expect(diff(null, { status: 'pending' })).toEqual({ status: { before: null, after: 'pending' } });
  });
});
