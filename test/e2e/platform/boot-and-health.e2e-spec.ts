import { spawn } from 'node:child_process';
import request from 'supertest';
import { expectProblem } from '../../support/problem';
import { freePort, spawnNode, startApi } from '../../support/processes';

describe('boot, health and rate limits', () => {
  it.each([
    ['DATABASE_URL', { DATABASE_URL: '' }, /DATABASE_URL is missing/],
    ['PORT', { PORT: 'eighty' }, /PORT is invalid/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL is invalid/],
  ])('refuses to start when %s is bad, naming it', async (_name, env, message) => {
    for (const script of ['main.js', 'worker.js']) {
      const proc = spawnNode(script, env as Record<string, string>);
      const code = await proc.exited;
      expect(code).toBe(78);
      expect(proc.output()).toMatch(message);
      expect(proc.output()).toMatch(/^Invalid configuration:/m);
    }
  });

  it('reports a stopped Redis on /health with 503 and says which dependency is down', async () => {
    const port = await freePort();
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const redisExited = new Promise((resolve) => redis.on('exit', resolve));
    const api = await startApi({ REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_PREFIX: `{health-${port}}` });
    try {
      const up = await request(api.url).get('/health').expect(200);
      expect(up.body.details).toEqual(
        expect.objectContaining({ database: expect.objectContaining({ status: 'up' }), redis: expect.objectContaining({ status: 'up' }) }),
      );
      redis.kill('SIGTERM');
      await redisExited;
      const down = await request(api.url).get('/health');
      const body = expectProblem(down, 503);
      expect(body.checks).toEqual(
        expect.objectContaining({ database: expect.objectContaining({ status: 'up' }), redis: expect.objectContaining({ status: 'down' }) }),
      );
    } finally {
      redis.kill('SIGKILL');
      await api.stop();
    }
  });

  it('answers 429 problem+json with Retry-After once a client exceeds the auth rate limit', async () => {
    // Its own key prefix, so this limit's counters are not shared with other test files.
    const api = await startApi({ THROTTLE_AUTH_LIMIT: '3', THROTTLE_AUTH_TTL_SECONDS: '60', QUEUE_PREFIX: `{throttle-${Date.now()}}` });
    try {
      const attempt = () => request(api.url).post('/api/v1/auth/login').send({ email: 'nobody@test.example', password: 'whatever it is' });
      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
      const limited = await attempt();
      expectProblem(limited, 429, 'common.rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Endpoints outside /auth are not limited by it.
      await request(api.url).get('/health').expect(200);
    } finally {
      await api.stop();
    }
  });

  it('shuts down on SIGTERM by itself, within the grace period, without errors', async () => {
    const api = await startApi();
    // Nest closes the app, then re-raises SIGTERM; SIGKILL (our 10 s fallback) would mean it hung.
    expect(await api.stop()).toBe('SIGTERM');
    expect(api.output()).not.toMatch(/"level":(50|60)/);
  });
});
