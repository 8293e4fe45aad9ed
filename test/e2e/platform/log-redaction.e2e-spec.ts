import { Writable } from 'node:stream';
import { Pool } from 'pg';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { createRootLogger, PinoNestLogger } from '../../../src/platform/logging/logger';
import { startApi } from '../../support/processes';

describe('secrets stay out of the logs', () => {
  it('request logs carry no query values: no token, no email', async () => {
    const api = await startApi({ HTTP_LOGS: 'true', LOG_LEVEL: 'info' });
    try {
      await request(api.url).get('/api/v1/auth/verify-email?token=SECRET123token&email=owner%40secret.example');
      await request(api.url).get('/api/v1/no-such-route?token=SECRET123token');
    } finally {
      await api.stop();
    }
    const logs = api.output();
    // The request was logged, with its path and the names of its parameters.
    expect(logs).toMatch(/"url":"\/api\/v1\/no-such-route\?token=\[redacted\]"/);
    expect(logs).not.toContain('SECRET123');
    expect(logs).not.toMatch(/secret\.example/);
  });

  it('a database error is logged without its parameters, detail or quoted values', async () => {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    const email = `logged-${Date.now()}@secret.example`;
    const hash = '$argon2id$v=19$m=65536,t=3,p=4$SECRETSALT$SECRETHASH';
    const sql = `INSERT INTO users (email, display_name, password_hash, roles) VALUES ($1, 'Someone', $2, '{member}')`;
    let error: unknown;
    try {
      await pool.query(sql, [email, hash]);
      // The same address again: a unique violation whose detail quotes the email.
      await pool.query(sql, [email, hash]).catch((driverError: Error) => {
        error = new QueryFailedError(sql, [email, hash], driverError);
      });
      await pool.query('DELETE FROM users WHERE email = $1', [email]);
    } finally {
      await pool.end();
    }
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(JSON.stringify((error as QueryFailedError).parameters)).toContain('SECRETHASH');

    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    // As the problem filter logs a 500: through Nest's logger interface, the error under `err`.
    new PinoNestLogger(createRootLogger('info', 'api', sink)).error({ err: error, requestId: 'r-1' }, 'unhandled error', 'ProblemFilter');
    const line = JSON.parse(written) as { err: Record<string, unknown>; msg: string };
    expect(line.msg).toBe('unhandled error');
    expect(line.err).toEqual(expect.objectContaining({ type: 'QueryFailedError', code: '23505', table: 'users' }));
    expect(written).not.toContain('SECRET');
    expect(written).not.toContain('secret.example');
    expect(line.err).not.toHaveProperty('parameters');
    expect(line.err).not.toHaveProperty('query');
    expect(line.err).not.toHaveProperty('detail');
  });
});
