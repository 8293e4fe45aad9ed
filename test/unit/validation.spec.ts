import { flattenValidationErrors } from '../../src/platform/http/validation-errors';

describe('flattenValidationErrors', () => {
  it('names nested fields by dotted path', () => {
    const errors = flattenValidationErrors([
      { property: 'email', constraints: { isEmail: 'email must be an email' }, children: [] },
      {
        property: 'members',
        children: [{ property: '0', children: [{ property: 'role', constraints: { isIn: 'role must be one of owner, member' } }] }],
      },
    ]);
    expect(errors).toEqual([
      { field: 'email', messages: ['email must be an email'] },
      { field: 'members.0.role', messages: ['role must be one of owner, member'] },
    ]);
  });
});
