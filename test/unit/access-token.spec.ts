import { claimsOf, isAccessTokenClaims } from '../../src/platform/auth/access-token';

/** A token signed with the right key but of another shape is refused as invalid, not a 500 later. */
describe('access token claims', () => {
  const good = claimsOf({ userId: 'u1', roles: ['member', 'staff'], clusterId: 'c1', organisations: [{ id: 'o1', role: 'owner' }] });

  it('accepts what the service signs', () => {
    expect(isAccessTokenClaims(good)).toBe(true);
    expect(isAccessTokenClaims({ ...good, cid: null, orgs: [] })).toBe(true);
    expect(isAccessTokenClaims({ ...good, iat: 1, exp: 2 })).toBe(true);
  });

  it.each([
    ['no payload', null],
    ['a string payload', 'u1'],
    ['no subject', { ...good, sub: undefined }],
    ['roles missing', { ...good, roles: undefined }],
    ['an unknown role', { ...good, roles: ['root'] }],
    ['a numeric cluster', { ...good, cid: 7 }],
    ['organisations missing', { ...good, orgs: undefined }],
    ['an organisation without a role', { ...good, orgs: [['o1']] }],
    ['an unknown organisation role', { ...good, orgs: [['o1', 'admin']] }],
  ])('refuses %s', (_what, payload) => {
    expect(isAccessTokenClaims(payload)).toBe(false);
  });
});
