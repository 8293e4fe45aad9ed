/**
 * An SMTP 5xx answer (unknown mailbox, message refused) will not change on retry; everything
 * else (connection refused, timeouts, 4xx "try later") may.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function describeSmtpError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const parts = [e.code, e.responseCode, e.response ?? e.message].filter((p) => p !== undefined && p !== '');
  return parts.join(' ').slice(0, 500) || 'unknown error';
}
