import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSpec, InvalidEnvironmentError, validateEnv } from '../../src/config/env.schema';

const valid = {
  DATABASE_URL: 'postgres://u@localhost:5432/db',
  REDIS_URL: 'redis://localhost:6379',
  SMTP_URL: 'smtp://localhost:1025',
  JWT_SECRET: 'a-secret-of-enough-length',
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

  it('the README documents every variable', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const missing = Object.keys(envSpec).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
