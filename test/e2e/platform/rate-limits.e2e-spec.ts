import Redis from 'ioredis';
import request from 'supertest';
import { FACTORY_PASSWORD, World } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { RunningApi, startApi } from '../../support/processes';

/** Each API gets its own counters (key prefix), so the suite's other files never share them. */
let prefixes = 0;
const ownPrefix = () => `{limits-${process.pid}-${Date.now()}-${prefixes++}}`;

/** An API with every limit high except the ones a test sets. */
function apiWith(env: Record<string, string>): Promise<RunningApi> {
  return startApi({
    THROTTLE_AUTH_LIMIT: '1000',
    THROTTLE_ACCOUNT_LIMIT: '1000',
    THROTTLE_MAIL_LIMIT: '1000',
    TRUSTED_PROXIES: '',
    QUEUE_PREFIX: ownPrefix(),
    ...env,
  });
}

describe('rate limits: per address behind trusted proxies only, and per account', () => {
  let world: World;
  const running: RunningApi[] = [];
  const start = async (env: Record<string, string>) => {
    const api = await apiWith(env);
    running.push(api);
    return api;
  };
  const login = (api: RunningApi, email: string, password: string, forwardedFor?: string) => {
    const req = request(api.url).post('/api/v1/auth/login');
    if (forwardedFor) void req.set('x-forwarded-for', forwardedFor);
    return req.send({ email, password });
  };

  beforeAll(() => {
    world = new World('http://unused.invalid');
  });
  afterAll(async () => {
    await Promise.all(running.map((api) => api.stop()));
    await world.close();
  });

  it('a rotating X-Forwarded-For from an untrusted client does not lift the per-address limit', async () => {
    const api = await start({ THROTTLE_AUTH_LIMIT: '3' });
    for (let i = 0; i < 3; i++) {
      expect((await login(api, `nobody-${i}@test.example`, 'wrong password', `198.51.100.${i}`)).status).toBe(401);
    }
    const limited = await login(api, 'nobody-3@test.example', 'wrong password', '198.51.100.99');
    expectProblem(limited, 429, 'common.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1) each forwarded client is counted apart', async () => {
    const api = await start({ THROTTLE_AUTH_LIMIT: '2', TRUSTED_PROXIES: '127.0.0.1' });
    for (let i = 0; i < 2; i++) expect((await login(api, `far-${i}@test.example`, 'wrong password', '203.0.113.1')).status).toBe(401);
    expectProblem(await login(api, 'far-2@test.example', 'wrong password', '203.0.113.1'), 429, 'common.rate_limited');
    expect((await login(api, 'far-3@test.example', 'wrong password', '203.0.113.2')).status).toBe(401);
  });

  it('locks sign-in per email after THROTTLE_ACCOUNT_LIMIT attempts, whatever the address, and no other account', async () => {
    const api = await start({ THROTTLE_ACCOUNT_LIMIT: '5', TRUSTED_PROXIES: '127.0.0.1' });
    const a = await world.user(['member']);
    const b = await world.user(['member']);
    for (let i = 0; i < 5; i++) expect((await login(api, a.email, 'wrong password', `198.51.100.${i}`)).status).toBe(401);
    // The right password, another address, the address in another case: still locked.
    const locked = await login(api, `  ${a.email.toUpperCase()} `, FACTORY_PASSWORD, '198.51.100.200');
    expectProblem(locked, 429, 'common.rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(api, b.email, FACTORY_PASSWORD, '198.51.100.4')).status).toBe(200);

    // Counters live in Redis under hashed keys: no address appears in them.
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const keys = await redis.keys('*');
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => key.toLowerCase().includes(a.email.split('@')[0]))).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  it('limits password checks on PATCH /me per user; edits without a password are not counted', async () => {
    const api = await start({ THROTTLE_ACCOUNT_LIMIT: '3' });
    const users = new World(api.url);
    try {
      const me = await users.auth(await users.user(['member']));
      const other = await users.auth(await users.user(['member']));
      const guess = (auth: { authorization: string }) =>
        request(api.url).patch('/api/v1/me').set(auth).send({ currentPassword: 'a wrong guess', newPassword: 'a brand new password' });
      for (let i = 0; i < 3; i++) expect((await guess(me)).status).not.toBe(429);
      const limited = await guess(me);
      expectProblem(limited, 429, 'common.rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      await request(api.url).patch('/api/v1/me').set(me).send({ displayName: 'Still editable' }).expect(200);
      expect((await guess(other)).status).not.toBe(429);
    } finally {
      await users.close();
    }
  });

  it('limits invitation acceptance per token and mails per address', async () => {
    const api = await start({ THROTTLE_ACCOUNT_LIMIT: '2', THROTTLE_MAIL_LIMIT: '2' });
    const accept = (token: string) =>
      request(api.url).post('/api/v1/invitations/accept').send({ token, password: 'a long enough password', displayName: 'Guess' });
    const token = `guessed-token-${Date.now()}-aaaaaaaaaaaa`;
    for (let i = 0; i < 2; i++) expect((await accept(token)).status).not.toBe(429);
    expectProblem(await accept(token), 429, 'common.rate_limited');
    expect((await accept(`${token}-other`)).status).not.toBe(429);

    const email = `mailed-${Date.now()}@test.example`;
    const register = (address: string) =>
      request(api.url).post('/api/v1/auth/register').send({ email: address, password: 'a long enough password', displayName: 'Someone' });
    for (let i = 0; i < 2; i++) expect((await register(email)).status).toBe(202);
    expectProblem(await register(email.toUpperCase()), 429, 'common.rate_limited');
    expect((await register(`other-${email}`)).status).toBe(202);
  });
});
