import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';
import { tokenIn, waitForMail } from '../../support/mailbox';
import { expectProblem } from '../../support/problem';

describe('sign-up, verification and sessions', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  const http = () => request(api.url);

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
  });
  afterAll(async () => {
    await api.stop();
    await worker.stop();
  });

  const newEmail = () => `talent-${randomUUID().slice(0, 8)}@Example.org`;
  const password = 'a long enough password';

  async function registerAndVerify(email: string): Promise<void> {
    await http().post('/api/v1/auth/register').send({ email, password, displayName: 'Ada' }).expect(202);
    const [mail] = await waitForMail(email.toLowerCase(), { subject: /Confirm your email/ });
    await http().post('/api/v1/auth/verify-email').send({ token: tokenIn(mail) }).expect(204);
  }

  it('registers, mails a verification link, verifies, signs in, refreshes and detects refresh-token reuse', async () => {
    const email = newEmail();
    await http().post('/api/v1/auth/register').send({ email, password, displayName: 'Ada Lovelace' }).expect(202);

    // Before verification the right password is refused with its own code.
    expectProblem(await http().post('/api/v1/auth/login').send({ email, password }), 403, 'identity.email_not_verified');

    const [mail] = await waitForMail(email.toLowerCase(), { subject: /Confirm your email/ });
    const token = tokenIn(mail);
    await http().post('/api/v1/auth/verify-email').send({ token }).expect(204);
    // The link is single-use.
    expectProblem(await http().post('/api/v1/auth/verify-email').send({ token }), 400, 'identity.invalid_email_token');

    const login = await http().post('/api/v1/auth/login').send({ email: email.toUpperCase(), password }).expect(200);
    expect(login.body).toEqual(expect.objectContaining({ tokenType: 'Bearer', expiresIn: expect.any(Number) }));
    const me = await http().get('/api/v1/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toEqual(expect.objectContaining({ email: email.toLowerCase(), roles: ['talent'], emailVerified: true }));

    const first = login.body.refreshToken as string;
    const rotated = await http().post('/api/v1/auth/refresh').send({ refreshToken: first }).expect(200);
    expect(rotated.body.refreshToken).not.toBe(first);
    const second = rotated.body.refreshToken as string;

    // Replaying the rotated token is theft: it is refused and the whole family is revoked...
    expectProblem(await http().post('/api/v1/auth/refresh').send({ refreshToken: first }), 401, 'identity.refresh_token_reused');
    // ...so the newest token of the family no longer works either.
    expectProblem(await http().post('/api/v1/auth/refresh').send({ refreshToken: second }), 401, 'identity.invalid_refresh_token');
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const email = newEmail();
    await registerAndVerify(email);
    const wrong = await http().post('/api/v1/auth/login').send({ email, password: 'not the password' });
    const unknown = await http().post('/api/v1/auth/login').send({ email: newEmail(), password });
    expectProblem(wrong, 401, 'identity.invalid_credentials');
    expectProblem(unknown, 401, 'identity.invalid_credentials');
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
  });

  it('registering an existing email looks the same to the caller and mails the owner instead', async () => {
    const email = newEmail();
    await registerAndVerify(email);
    const again = await http().post('/api/v1/auth/register').send({ email, password, displayName: 'Someone' }).expect(202);
    expect(again.body.status).toBe('verification_sent');
    await waitForMail(email.toLowerCase(), { subject: /already have a Clusterlink account/ });
  });

  it('logout revokes the session family', async () => {
    const email = newEmail();
    await registerAndVerify(email);
    const login = await http().post('/api/v1/auth/login').send({ email, password }).expect(200);
    await http().post('/api/v1/auth/logout').send({ refreshToken: login.body.refreshToken }).expect(204);
    expectProblem(await http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }), 401);
  });

  it('rejects an unknown body field, naming it', async () => {
    const res = await http().post('/api/v1/auth/register').send({ email: newEmail(), password, displayName: 'Ada', isAdmin: true });
    const body = expectProblem(res, 400, 'common.validation_failed');
    expect(body.errors).toEqual([{ field: 'isAdmin', messages: ['property isAdmin should not exist'] }]);
  });

  it('names every invalid field', async () => {
    const res = await http().post('/api/v1/auth/register').send({ email: 'not-an-email', password: 'short' });
    const fields = (expectProblem(res, 400).errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['displayName', 'email', 'password']);
  });

  it('refuses requests without a valid access token', async () => {
    expectProblem(await http().get('/api/v1/me'), 401, 'auth.unauthenticated');
    expectProblem(await http().get('/api/v1/me').set('authorization', 'Bearer not.a.jwt'), 401, 'auth.invalid_token');
    // Signed with the service's key but without the claims it signs: invalid too, never a 500.
    const odd = jwt.sign({ sub: randomUUID(), roles: 'admin' }, process.env.JWT_SECRET!, { algorithm: 'HS256', expiresIn: 60 });
    expectProblem(await http().get('/api/v1/me').set('authorization', `Bearer ${odd}`), 401, 'auth.invalid_token');
  });

  it('changes the password only with the current one', async () => {
    const email = newEmail();
    await registerAndVerify(email);
    const login = await http().post('/api/v1/auth/login').send({ email, password }).expect(200);
    const auth = { authorization: `Bearer ${login.body.accessToken}` };
    const refused = await http().patch('/api/v1/me').set(auth).send({ currentPassword: 'wrong one!!', newPassword: 'a brand new password' });
    expectProblem(refused, 400, 'identity.wrong_current_password');
    await http().patch('/api/v1/me').set(auth).send({ currentPassword: password, newPassword: 'a brand new password' }).expect(200);
    await http().post('/api/v1/auth/login').send({ email, password: 'a brand new password' }).expect(200);
  });
});
