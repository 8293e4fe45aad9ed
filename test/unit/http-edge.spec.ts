import { InvalidEnvironmentError, validateEnv } from '../../src/config/env.schema';
import { checkInput, MAX_INPUT_DEPTH } from '../../src/platform/http/input-guard';
import { isIsoDate, isIsoInstant } from '../../src/platform/http/iso-date.decorators';
import { trustProxyOption } from '../../src/platform/http/trusted-proxies';
import { redactQuotedValues, redactUrl } from '../../src/platform/logging/log-redaction';

const env = {
  DATABASE_URL: 'postgres://u@localhost:5432/db',
  REDIS_URL: 'redis://localhost:6379',
  SMTP_URL: 'smtp://localhost:1025',
  NODE_ENV: 'test',
  JWT_SECRET: 'a-secret-of-enough-length',
};

describe('TRUSTED_PROXIES', () => {
  it('defaults to trusting no proxy', () => {
    expect(trustProxyOption(validateEnv(env).TRUSTED_PROXIES)).toBe(false);
  });

  it('takes addresses and CIDR ranges, or a hop count', () => {
    expect(trustProxyOption(validateEnv({ ...env, TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1,::1' }).TRUSTED_PROXIES)).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
    ]);
    const twoHops = trustProxyOption('2') as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => twoHops('192.0.2.1', hop))).toEqual([true, true, false]);
  });

  it.each(['banana', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/1'])('refuses %s at boot, naming the variable', (value) => {
    expect(() => validateEnv({ ...env, TRUSTED_PROXIES: value })).toThrow(InvalidEnvironmentError);
    expect(() => validateEnv({ ...env, TRUSTED_PROXIES: value })).toThrow(/TRUSTED_PROXIES is invalid/);
  });
});

describe('strict ISO dates', () => {
  it.each(['2024-02-29', '0001-01-01', '2030-12-31'])('%s is a date', (value) => expect(isIsoDate(value)).toBe(true));
  it.each(['2025-02-29', '2025-02-30', '2025-13-01', '2025-W05-1', '2025-032', '20250101', '2025-1-1', '0000-01-01', ''])(
    '%s is not',
    (value) => expect(isIsoDate(value)).toBe(false),
  );
  it.each(['2025-01-01T00:00Z', '2025-01-01T23:59:59.123456+14:00', '2024-02-29T12:00:00-05:30'])('%s is an instant', (value) =>
    expect(isIsoInstant(value)).toBe(true),
  );
  it.each(['2025-01-01T24:00:00Z', '2025-01-01T10:60Z', '2025-02-30T10:00Z', '2025-01-01T10:00:00', '2025-01-01 10:00Z'])(
    '%s is not',
    (value) => expect(isIsoInstant(value)).toBe(false),
  );
});

describe('input checks', () => {
  it('names the path of a bad string, key or nesting', () => {
    expect(() => checkInput({ a: [{ b: 'ok' }, { b: 'x\u0000' }] })).toThrow(expect.objectContaining({ code: 'common.invalid_text', fieldErrors: [expect.objectContaining({ field: 'a.1.b' })] }));
    expect(() => checkInput({ ['k\ud800']: 1 })).toThrow(expect.objectContaining({ code: 'common.invalid_text' }));
    expect(() => checkInput({ s: '\udc00' })).toThrow(expect.objectContaining({ code: 'common.invalid_text' }));
    let deep: unknown = 1;
    for (let i = 0; i < MAX_INPUT_DEPTH + 1; i++) deep = { a: deep };
    expect(() => checkInput(deep)).toThrow(expect.objectContaining({ code: 'common.too_deep' }));
  });

  it('lets well-formed text through, emoji included', () => {
    expect(() => checkInput({ name: 'Åbo 😀 — “ok”', list: [1, null, true], nested: { a: { b: 'c' } } })).not.toThrow();
  });
});

describe('log redaction', () => {
  it('keeps the path and parameter names, never the values', () => {
    expect(redactUrl('/api/v1/x?token=abc&email=a%40b.c&flag')).toBe('/api/v1/x?token=[redacted]&email=[redacted]&flag=[redacted]');
    expect(redactUrl('/api/v1/x')).toBe('/api/v1/x');
  });

  it('cuts quoted values and key details out of database messages', () => {
    expect(redactQuotedValues('Key (email)=(a@b.c) already exists.')).toBe('Key (email)=([redacted]) already exists.');
    expect(redactQuotedValues('invalid input syntax for type uuid: "secret"')).toBe('invalid input syntax for type uuid: "[redacted]"');
  });
});
