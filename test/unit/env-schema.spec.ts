import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSpec, InvalidEnvironmentError, productionSecretProblem, validateEnv } from '../../src/config/env.schema';

const valid = {
  DATABASE_URL: 'postgres://u@localhost:5432/db',
  REDIS_URL: 'redis://localhost:6379',
  SMTP_URL: 'smtp://localhost:1025',
  JWT_SECRET: 'Zq3v9LwX8pT2mB6nR4yH7cJ1fK5sD0gA',
};

describe('environment schema', () => {
  it('applies defaults and types', () => {
    const env = validateEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.HTTP_LOGS).toBe(true);
    expect(env.QUEUE_PREFIX).toBe('{clusterlink}');
  });

  it('names every missing or malformed variable in one message', () => {
    const attempt = () => validateEnv({ ...valid, DATABASE_URL: '', PORT: 'abc', JWT_SECRET: 'short' });
    expect(attempt).toThrow(InvalidEnvironmentError);
    expect(attempt).toThrow(/DATABASE_URL is missing/);
    expect(attempt).toThrow(/PORT is invalid/);
    expect(attempt).toThrow(/JWT_SECRET is invalid/);
  });

  it('in production (the default) refuses a short or published JWT secret; elsewhere 16 characters do', () => {
    for (const secret of ['change-me-in-production-0123456789', 'bench-secret-0123456789', 'short-but-16-chars', 'x'.repeat(40)]) {
      expect(() => validateEnv({ ...valid, JWT_SECRET: secret })).toThrow(/JWT_SECRET is invalid/);
      expect(() => validateEnv({ ...valid, NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(/JWT_SECRET is invalid/);
    }
    expect(() => validateEnv({ ...valid, NODE_ENV: 'development', JWT_SECRET: 'short-but-16-chars' })).not.toThrow();
    expect(validateEnv({ ...valid, NODE_ENV: 'production' }).JWT_SECRET).toBe(valid.JWT_SECRET);
    expect(productionSecretProblem('ü'.repeat(16))).toMatch(/too few characters/); // 32 bytes, not random
  });

  it('demo data is off unless asked for; the API docs are off in production unless published', () => {
    expect(validateEnv(valid)).toMatchObject({ DEMO_DATA: false, API_DOCS_PUBLIC: false });
    expect(validateEnv({ ...valid, NODE_ENV: 'production' }).API_DOCS_PUBLIC).toBe(false);
    expect(validateEnv({ ...valid, NODE_ENV: 'production', API_DOCS_PUBLIC: 'true' }).API_DOCS_PUBLIC).toBe(true);
    expect(validateEnv({ ...valid, NODE_ENV: 'development' }).API_DOCS_PUBLIC).toBe(true);
    expect(validateEnv({ ...valid, NODE_ENV: 'test' }).API_DOCS_PUBLIC).toBe(true);
    expect(validateEnv({ ...valid, DEMO_DATA: 'true' }).DEMO_DATA).toBe(true);
  });

  it('serves no metrics unless a token of 16 characters or more is set; the worker port may be 0 (any free one)', () => {
    const env = validateEnv(valid);
    expect([env.METRICS_TOKEN, env.WORKER_METRICS_PORT, env.LOG_FORMAT]).toEqual(['', 9464, 'json']);
    expect(validateEnv({ ...valid, METRICS_TOKEN: '' }).METRICS_TOKEN).toBe('');
    expect(validateEnv({ ...valid, METRICS_TOKEN: 'x'.repeat(16), WORKER_METRICS_PORT: '0' }).WORKER_METRICS_PORT).toBe(0);
    expect(() => validateEnv({ ...valid, METRICS_TOKEN: 'too-short' })).toThrow(/METRICS_TOKEN is invalid/);
    for (const port of ['65536', '-1', 'abc', '9464x', '1.5']) {
      expect(() => validateEnv({ ...valid, WORKER_METRICS_PORT: port })).toThrow(/WORKER_METRICS_PORT is invalid/);
    }
    expect(() => validateEnv({ ...valid, LOG_FORMAT: 'text' })).toThrow(/LOG_FORMAT is invalid/);
  });

  it('the README documents every variable', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const missing = Object.keys(envSpec).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
