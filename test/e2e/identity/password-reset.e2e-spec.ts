import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import request from 'supertest';
import { World } from '../../factories/world';
import { mailTo, tokenIn, waitForMail } from '../../support/mailbox';
import { expectProblem } from '../../support/problem';
import { RunningApi, RunningProcess, startApi, startWorker } from '../../support/processes';

/** Password reset, resend of verification, and the recipes by which an address could be squatted. */
describe('account recovery and squatted addresses', () => {
  let api: RunningApi;
  let worker: RunningProcess;
  let world: World;
  const http = () => request(api.url);

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
    await worker.stop();
  });

  const newEmail = () => `owner-${randomUUID().slice(0, 8)}@test.example`;
  const password = 'a long enough password';
  const ownPassword = 'the real owner password';

  async function registerAndVerify(email: string): Promise<void> {
    await http().post('/api/v1/auth/register').send({ email, password, displayName: 'Ada' }).expect(202);
    const [mail] = await waitForMail(email, { subject: /Confirm your email/ });
    await http().post('/api/v1/auth/verify-email').send({ token: tokenIn(mail) }).expect(204);
  }
  const login = (email: string, pw: string) => http().post('/api/v1/auth/login').send({ email, password: pw });
  const refresh = (refreshToken: string) => http().post('/api/v1/auth/refresh').send({ refreshToken });

  it('resets a password once with the mailed token and signs out every session', async () => {
    const email = newEmail();
    await registerAndVerify(email);
    const sessionA = (await login(email, password).expect(200)).body.refreshToken as string;
    const sessionB = (await login(email, password).expect(200)).body.refreshToken as string;

    // Unknown and known addresses get the same answer.
    const unknown = await http().post('/api/v1/auth/password-reset').send({ email: newEmail() }).expect(202);
    const known = await http().post('/api/v1/auth/password-reset').send({ email }).expect(202);
    expect(unknown.body.status).toBe(known.body.status);
    const [mail] = await waitForMail(email, { subject: /Reset your Clusterlink password/ });
    expect(mail.text).toContain('/reset-password#token=');
    const token = tokenIn(mail);

    await http().post('/api/v1/auth/password-reset/confirm').send({ token, newPassword: ownPassword }).expect(204);
    expectProblem(await http().post('/api/v1/auth/password-reset/confirm').send({ token, newPassword: 'yet another password' }), 400, 'identity.invalid_email_token');
    expectProblem(await refresh(sessionA), 401, 'identity.invalid_refresh_token');
    expectProblem(await refresh(sessionB), 401, 'identity.invalid_refresh_token');
    expectProblem(await login(email, password), 401, 'identity.invalid_credentials');
    await login(email, ownPassword).expect(200);
  });

  it('refuses an expired reset token and a verification token used as a reset token', async () => {
    const email = newEmail();
    await http().post('/api/v1/auth/register').send({ email, password, displayName: 'Ada' }).expect(202);
    const [verification] = await waitForMail(email, { subject: /Confirm your email/ });
    expectProblem(await http().post('/api/v1/auth/password-reset/confirm').send({ token: tokenIn(verification), newPassword: ownPassword }), 400, 'identity.invalid_email_token');

    await http().post('/api/v1/auth/password-reset').send({ email }).expect(202);
    const [mail] = await waitForMail(email, { subject: /Reset your Clusterlink password/ });
    await world.db.query(`UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'password_reset' AND user_id = (SELECT id FROM users WHERE email = $1)`, [email]);
    expectProblem(await http().post('/api/v1/auth/password-reset/confirm').send({ token: tokenIn(mail), newPassword: ownPassword }), 400, 'identity.invalid_email_token');
  });

  it('resends verification to an unverified account only, and only the newest token works', async () => {
    const email = newEmail();
    await http().post('/api/v1/auth/register').send({ email, password, displayName: 'Ada' }).expect(202);
    const [first] = await waitForMail(email, { subject: /Confirm your email/ });
    await http().post('/api/v1/auth/verify-email/resend').send({ email }).expect(202);
    const mails = await waitForMail(email, { subject: /Confirm your email/, count: 2 });
    const second = mails.find((m) => tokenIn(m) !== tokenIn(first))!;
    expectProblem(await http().post('/api/v1/auth/verify-email').send({ token: tokenIn(first) }), 400, 'identity.invalid_email_token');
    await http().post('/api/v1/auth/verify-email').send({ token: tokenIn(second) }).expect(204);

    // Verified and unknown addresses get the same answer and no mail.
    await http().post('/api/v1/auth/verify-email/resend').send({ email }).expect(202);
    const nobody = newEmail();
    await http().post('/api/v1/auth/verify-email/resend').send({ email: nobody }).expect(202);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await mailTo(email)).filter((m) => /Confirm your email/.test(m.subject))).toHaveLength(2);
    expect(await mailTo(nobody)).toHaveLength(0);
  });

  it('the verification mail carries no display name and its link does not verify on a GET', async () => {
    const email = newEmail();
    await http().post('/api/v1/auth/register').send({ email, password, displayName: 'Win a prize at https://evil.example/x' }).expect(202);
    const [mail] = await waitForMail(email, { subject: /Confirm your email/ });
    expect(mail.text).not.toContain('evil.example');
    expect(mail.html).not.toContain('evil.example');
    expect(mail.text).toContain('/verify-email#token=');
    const token = tokenIn(mail);
    expect((await http().get('/api/v1/auth/verify-email').query({ token })).status).toBe(404);
    expectProblem(await login(email, password), 403, 'identity.email_not_verified');
    await http().post('/api/v1/auth/verify-email').send({ token }).expect(204);
  });

  it('a squatter who registered the address loses it when its owner accepts an invitation', async () => {
    const email = newEmail();
    await http().post('/api/v1/auth/register').send({ email, password, displayName: 'Squatter' }).expect(202);
    // Re-registering an unverified address mails a new verification, not "you already have an account".
    await http().post('/api/v1/auth/register').send({ email, password: ownPassword, displayName: 'Owner' }).expect(202);
    await waitForMail(email, { subject: /Confirm your email/, count: 2 });
    expect((await mailTo(email)).some((m) => /already have/.test(m.subject))).toBe(false);

    const cluster = await world.cluster();
    const org = await world.organisation(cluster.id);
    const owner = await world.auth(await world.member(org.id, 'owner'));
    await http().post(`/api/v1/organisations/${org.id}/members`).set(owner).send({ email, role: 'member' }).expect(201);
    const [invitation] = await waitForMail(email, { subject: /invited/ });
    expect(invitation.text).toContain('/accept-invitation#token=');
    const accepted = await http().post('/api/v1/invitations/accept').send({ token: tokenIn(invitation), password: ownPassword }).expect(200);
    const me = await http().get('/api/v1/me').set({ authorization: `Bearer ${accepted.body.accessToken}` }).expect(200);
    expect(me.body).toEqual(expect.objectContaining({ emailVerified: true, organisations: [{ organisationId: org.id, role: 'member' }] }));
    expectProblem(await login(email, password), 401, 'identity.invalid_credentials');
    await login(email, ownPassword).expect(200);
  });

  it('a verified account still needs its own password to accept an invitation', async () => {
    const email = newEmail();
    await registerAndVerify(email);
    const cluster = await world.cluster();
    const org = await world.organisation(cluster.id);
    const owner = await world.auth(await world.member(org.id, 'owner'));
    await http().post(`/api/v1/organisations/${org.id}/members`).set(owner).send({ email, role: 'member' }).expect(201);
    const [invitation] = await waitForMail(email, { subject: /invited/ });
    expectProblem(await http().post('/api/v1/invitations/accept').send({ token: tokenIn(invitation), password: ownPassword }), 401);
    await login(email, password).expect(200);
  });

  it('a squatter\'s sessions die when the owner resets the password, and the reset verifies the account', async () => {
    const email = newEmail();
    await registerAndVerify(email);
    const squatterSession = (await login(email, password).expect(200)).body.refreshToken as string;
    await http().post('/api/v1/auth/password-reset').send({ email }).expect(202);
    const [mail] = await waitForMail(email, { subject: /Reset your/ });
    await http().post('/api/v1/auth/password-reset/confirm').send({ token: tokenIn(mail), newPassword: ownPassword }).expect(204);
    expectProblem(await refresh(squatterSession), 401, 'identity.invalid_refresh_token');

    const unverified = newEmail();
    await http().post('/api/v1/auth/register').send({ email: unverified, password, displayName: 'Squatter' }).expect(202);
    await http().post('/api/v1/auth/password-reset').send({ email: unverified }).expect(202);
    const [reset] = await waitForMail(unverified, { subject: /Reset your/ });
    await http().post('/api/v1/auth/password-reset/confirm').send({ token: tokenIn(reset), newPassword: ownPassword }).expect(204);
    await login(unverified, ownPassword).expect(200);
  });

  it('an unverified account past UNVERIFIED_ACCOUNT_DAYS frees its address, at registration and by the job', async () => {
    const age = (email: string, days: number) =>
      world.db.query(`UPDATE users SET created_at = now() - make_interval(days => $2) WHERE email = $1`, [email, days]);
    const exists = async (email: string) => (await world.db.query('SELECT 1 FROM users WHERE email = $1', [email])).rowCount === 1;

    // Registration treats an expired unverified account as absent.
    const email = newEmail();
    await http().post('/api/v1/auth/register').send({ email, password, displayName: 'Squatter' }).expect(202);
    await age(email, 8);
    await http().post('/api/v1/auth/register').send({ email, password: ownPassword, displayName: 'Owner' }).expect(202);
    const mails = await waitForMail(email, { subject: /Confirm your email/, count: 2 });
    for (const m of mails) await http().post('/api/v1/auth/verify-email').send({ token: tokenIn(m) });
    await login(email, ownPassword).expect(200);

    // The job deletes only unverified, expired, talent-only accounts.
    const expired = newEmail();
    const fresh = newEmail();
    const verified = newEmail();
    for (const e of [expired, fresh]) await http().post('/api/v1/auth/register').send({ email: e, password, displayName: 'X' }).expect(202);
    await registerAndVerify(verified);
    await age(expired, 8);
    await age(fresh, 6);
    await age(verified, 30);
    runPurgeJob();
    expect(await exists(expired)).toBe(false);
    expect(await exists(fresh)).toBe(true);
    expect(await exists(verified)).toBe(true);
  });
});

/** Runs the worker's job handler in a separate Node process against the test database. */
function runPurgeJob(): void {
  const script = `
    const { AppDataSource } = require(${JSON.stringify(path.resolve('dist/src/platform/database/data-source.js'))});
    const { PurgeExpiredTokensJob } = require(${JSON.stringify(path.resolve('dist/src/modules/identity/purge-expired-tokens.job.js'))});
    (async () => {
      await AppDataSource.initialize();
      const uow = { run: (work) => AppDataSource.transaction(work) };
      await new PurgeExpiredTokensJob({ UNVERIFIED_ACCOUNT_DAYS: 7 }, uow).run();
      await AppDataSource.destroy();
    })().catch((e) => { console.error(e); process.exit(1); });`;
  execFileSync(process.execPath, ['-e', script], { env: process.env, encoding: 'utf8', timeout: 30_000 });
}
