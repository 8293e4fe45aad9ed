import request from 'supertest';
import { World, FACTORY_PASSWORD } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { RunningApi, startApi } from '../../support/processes';

/** Sessions end when the password changes, and a family ends REFRESH_TTL_DAYS after sign-in. */
describe('session lifetime', () => {
  let api: RunningApi;
  let world: World;
  const http = () => request(api.url);

  beforeAll(async () => {
    api = await startApi({ REFRESH_TTL_DAYS: '30' });
    world = new World(api.url);
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
  });

  const login = (email: string, password = FACTORY_PASSWORD) =>
    http().post('/api/v1/auth/login').send({ email, password }).expect(200);
  const refresh = (refreshToken: string) => http().post('/api/v1/auth/refresh').send({ refreshToken });

  it('changing the password signs out every session of the account', async () => {
    const user = await world.user(['talent']);
    const other = (await login(user.email)).body.refreshToken as string;
    const current = (await login(user.email)).body;
    const auth = { authorization: `Bearer ${current.accessToken}` };
    const bystander = await world.user(['talent']);
    const bystanderSession = (await login(bystander.email)).body.refreshToken as string;

    expectProblem(await http().patch('/api/v1/me').set(auth).send({ currentPassword: 'wrong password 1', newPassword: 'a new password 123' }), 400, 'identity.wrong_current_password');
    const rotated = (await refresh(other).expect(200)).body.refreshToken as string;
    await http().patch('/api/v1/me').set(auth).send({ currentPassword: FACTORY_PASSWORD, newPassword: 'a new password 123' }).expect(200);
    expectProblem(await refresh(rotated), 401, 'identity.invalid_refresh_token');
    expectProblem(await refresh(current.refreshToken), 401, 'identity.invalid_refresh_token');
    // Another account's sessions are untouched, and a display-name change alone revokes nothing.
    const kept = (await refresh(bystanderSession).expect(200)).body;
    await http().patch('/api/v1/me').set({ authorization: `Bearer ${kept.accessToken}` }).send({ displayName: 'Renamed' }).expect(200);
    await refresh(kept.refreshToken).expect(200);
  });

  it('rotation carries the family start over, and a family older than REFRESH_TTL_DAYS is refused', async () => {
    const user = await world.user(['talent']);
    const first = (await login(user.email)).body.refreshToken as string;
    const started = await world.one('SELECT family_started_at, expires_at FROM refresh_tokens WHERE user_id = $1', [user.id]);
    const second = (await refresh(first).expect(200)).body.refreshToken as string;
    const rows = await world.db.query('SELECT family_started_at, expires_at FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at', [user.id]);
    expect(rows.rows).toHaveLength(2);
    for (const row of rows.rows) {
      expect(row.family_started_at).toEqual(started.family_started_at);
      expect(row.expires_at).toEqual(started.expires_at);
    }

    // Signed in 31 days ago (REFRESH_TTL_DAYS is 30): the newest token of the family no longer refreshes.
    await world.db.query(`UPDATE refresh_tokens SET family_started_at = now() - interval '31 days' WHERE user_id = $1`, [user.id]);
    expectProblem(await refresh(second), 401, 'identity.invalid_refresh_token');
  });
});
