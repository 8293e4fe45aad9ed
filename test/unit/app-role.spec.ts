import { appRoleOf } from '../../src/platform/database/app-role';

describe('appRoleOf', () => {
  const owner = 'postgres://postgres@db:5432/clusterlink';
  it('names the application role when it differs from the migration role', () => {
    expect(appRoleOf('postgres://clusterlink_app:s3cret@db:5432/clusterlink', owner)).toBe('clusterlink_app');
    expect(appRoleOf('postgres://app%2Fone@db/clusterlink', owner)).toBe('app/one');
  });
  it('is null when one role does both jobs or either URL is missing', () => {
    expect(appRoleOf(owner, owner)).toBeNull();
    expect(appRoleOf('postgres://postgres:other@elsewhere/clusterlink', owner)).toBeNull();
    expect(appRoleOf(undefined, owner)).toBeNull();
    expect(appRoleOf(owner, '')).toBeNull();
  });
});
