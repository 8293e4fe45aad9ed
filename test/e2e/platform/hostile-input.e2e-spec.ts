import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { World } from '../../factories/world';
import { expectProblem } from '../../support/problem';
import { RunningApi, startApi } from '../../support/processes';

type Auth = { authorization: string };

/**
 * Input a stranger can send that PostgreSQL or the framework would choke on: every case is a 4xx
 * application/problem+json with a code, decided before any query runs.
 */
describe('hostile input', () => {
  let api: RunningApi;
  let world: World;
  let staff: Auth;
  let member: Auth;
  let organisationId: string;
  let clusterId: string;
  const http = () => request(api.url);

  beforeAll(async () => {
    api = await startApi();
    world = new World(api.url);
    const cluster = await world.cluster();
    clusterId = cluster.id;
    staff = await world.auth(await world.user(['staff'], { clusterId }));
    organisationId = (await world.organisation(clusterId)).id;
    member = await world.auth(await world.member(organisationId));
  });
  afterAll(async () => {
    await world.close();
    await api.stop();
  });

  const organisation = (name: unknown) => ({ clusterId, name, kind: 'sme', naicsCodes: ['326199'], country: 'FI', employeeCount: 3 });
  const registration = (displayName: string) => ({
    email: `hostile-${Date.now()}-${Math.random().toString(36).slice(2)}@test.example`,
    password: 'a long enough password',
    displayName,
  });
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  describe('text PostgreSQL cannot store, in bodies and query strings', () => {
    it.each([
      ['a NUL character in a registration', () => http().post('/api/v1/auth/register').send(registration('Eve\u0000Smith')), 'displayName'],
      ['a lone surrogate in an organisation name', () => http().post('/api/v1/organisations').set(staff).send(organisation('Org \ud800')), 'name'],
      ['a NUL character inside an array', () => http().post('/api/v1/organisations').set(staff).send({ ...organisation('Org ok'), naicsCodes: ['32\u00006199'] }), 'naicsCodes.0'],
      ['a NUL character in a product name', () => http().post('/api/v1/products').set(member).send({ organisationId, name: 'Valve\u0000X', category: 'x', grade: 3, segments: ['b2b'], markets: ['FI'] }), 'name'],
      ['a NUL character in a cursor', () => http().get('/api/v1/organisations').query({ cursor: 'abc\u0000' }).set(staff), 'cursor'],
      ['a NUL character in a list filter', () => http().get('/api/v1/organisations').query({ q: 'a\u0000b' }).set(staff), 'q'],
      ['a NUL character in an audit filter', () => http().get('/api/v1/audit').query({ action: 'x\u0000' }).set(staff), 'action'],
      ['a lone low surrogate in a profile update', () => http().patch('/api/v1/me').set(staff).send({ displayName: 'x \udfff' }), 'displayName'],
    ])('%s is 400 common.invalid_text naming the field', async (_name, send, field) => {
      const body = expectProblem(await send(), 400, 'common.invalid_text');
      expect(body.errors).toEqual([{ field, messages: [expect.any(String)] }]);
    });
  });

  describe('dates', () => {
    it.each([
      ['a day that does not exist', '2025-02-30'],
      ['an hour that does not exist', '2025-01-01T24:30:00Z'],
      ['an ISO week date', '2025-W05-1'],
      ['an ordinal date', '2025-032'],
      ['a time without a zone', '2025-01-01T10:00:00'],
    ])('%s in a query filter is 400 naming it', async (_name, from) => {
      const body = expectProblem(await http().get('/api/v1/audit').query({ from }).set(staff), 400, 'common.validation_failed');
      expect(body.errors).toEqual([{ field: 'from', messages: [expect.any(String)] }]);
    });

    it.each([
      ['a day that does not exist', '2025-02-30'],
      ['an ISO week date', '2027-W01-1'],
      ['a date with a time', '2027-01-01T00:00:00Z'],
    ])('%s in a body is 400 naming it', async (_name, startsOn) => {
      const terms = { commissionPct: 10, capacityAllotted: 1, termMonths: 12, startsOn };
      const res = await http().post(`/api/v1/channel-matches/${randomUUID()}/agreement`).set(member).send(terms);
      expect(expectProblem(res, 400, 'common.validation_failed').errors).toEqual([{ field: 'startsOn', messages: [expect.any(String)] }]);
    });

    it('accepts a calendar date and an instant with a zone', async () => {
      await http().get('/api/v1/audit').query({ from: '2024-02-29', to: '2030-01-01T00:00:00.000+02:00' }).set(staff).expect(200);
    });
  });

  describe('bodies of the wrong shape', () => {
    it.each([
      ['null', 'null'],
      ['an array', '[]'],
      ['a number', '42'],
      ['a string', '"text"'],
    ])('%s where an object is expected is 400 naming body', async (_name, raw) => {
      for (const send of [
        () => http().patch('/api/v1/me').set(staff),
        () => http().post('/api/v1/organisations').set(staff),
        () => http().post('/api/v1/auth/login'),
      ]) {
        const res = await send().set('content-type', 'application/json').send(raw);
        const body = expectProblem(res, 400, 'common.invalid_body');
        expect(body.errors).toEqual([{ field: 'body', messages: [expect.any(String)] }]);
      }
    });

    it('deeply nested JSON is 400 common.too_deep', async () => {
      for (const depth of [40, 20_000]) {
        const res = await http().post('/api/v1/organisations').set(staff).set('content-type', 'application/json').send(nested(depth));
        expectProblem(res, 400, 'common.too_deep');
      }
    });
  });

  describe("the framework's own refusals", () => {
    it('a URI too long is 414', async () => {
      expectProblem(await http().get(`/api/v1/organisations?q=${'x'.repeat(9_000)}`).set(staff), 414, 'common.uri_too_long');
    });

    it('headers too large are 431', async () => {
      expectProblem(await http().get('/api/v1/organisations').set('x-filler', 'x'.repeat(20_000)), 431, 'common.headers_too_large');
    });

    it('a body too large is 413', async () => {
      const res = await http().post('/api/v1/auth/login').set('content-type', 'application/json').send(`{"email":"${'x'.repeat(1_100_000)}"}`);
      expectProblem(res, 413, 'common.payload_too_large');
    });

    it('malformed JSON is 400 and an unsupported content type 415', async () => {
      expectProblem(await http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":'), 400, 'common.malformed_json');
      expectProblem(await http().post('/api/v1/auth/login').set('content-type', 'text/csv').send('a,b'), 415, 'common.unsupported_media_type');
    });
  });
});
