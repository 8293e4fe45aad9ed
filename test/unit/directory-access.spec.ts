import { directoryAccess } from '../../src/modules/directory/directory-access';
import { Actor } from '../../src/platform/auth/actor';

const org = { id: 'org-1', clusterId: 'cluster-a' };
const actor = (over: Partial<Actor>): Actor => ({ userId: 'u', roles: [], clusterId: null, organisations: [], ...over });

describe('directory access rules', () => {
  const staffA = actor({ roles: ['staff'], clusterId: 'cluster-a' });
  const staffB = actor({ roles: ['staff'], clusterId: 'cluster-b' });
  const admin = actor({ roles: ['admin'] });
  const owner = actor({ roles: ['member'], organisations: [{ id: 'org-1', role: 'owner' }] });
  const member = actor({ roles: ['member'], organisations: [{ id: 'org-1', role: 'member' }] });
  const outsider = actor({ roles: ['member'], organisations: [{ id: 'org-2', role: 'owner' }] });
  const talent = actor({ roles: ['talent'], clusterId: 'cluster-a' });

  it.each([
    ['staff of the cluster', staffA, true, true, true],
    ['staff of another cluster', staffB, false, false, false],
    ['an admin', admin, true, true, true],
    ['an owner', owner, true, true, true],
    ['a plain member', member, true, true, false],
    ['a member of another organisation', outsider, false, false, false],
    ['a talent of the same cluster', talent, false, false, false],
  ])('%s: sees %s, edits %s, manages members %s', (_who, who, sees, edits, manages) => {
    expect(directoryAccess.seesOrganisation(who, org)).toBe(sees);
    expect(directoryAccess.editsOrganisation(who, org)).toBe(edits);
    expect(directoryAccess.managesMembers(who, org)).toBe(manages);
  });

  it('a talent profile is seen by its owner and the home cluster\'s staff only', () => {
    const profile = { userId: 'talent-1', homeClusterId: 'cluster-a' };
    expect(directoryAccess.seesTalent(actor({ userId: 'talent-1', roles: ['talent'] }), profile)).toBe(true);
    expect(directoryAccess.seesTalent(staffA, profile)).toBe(true);
    expect(directoryAccess.seesTalent(staffB, profile)).toBe(false);
    expect(directoryAccess.seesTalent(talent, profile)).toBe(false);
  });
});
