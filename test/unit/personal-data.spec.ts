import { keyIdsIn, newKey, openPersonal, sealPersonal } from '../../src/modules/audit/audit-crypto';
import { scrubber } from '../../src/modules/notifications/personal-data/scrub';
import { undeclaredPersonalColumns } from '../../src/modules/privacy/personal-data.catalog';
import { PERSONAL_COLUMN_PATTERN } from '../../src/platform/personal-data/personal-data';

describe('sealed personal fields of the audit trail', () => {
  const key = { id: 'k1', key: newKey() };
  const changes = { displayName: { before: 'Ada', after: 'Ada L.' }, locale: { before: 'en', after: 'sv' }, email: { before: null, after: 'ada@x.org' } };

  it('seals only personal fields, opens them with the key, and reads "[erased]" once the key is gone', () => {
    const sealed = sealPersonal(changes, key);
    expect(JSON.stringify(sealed)).not.toMatch(/Ada|ada@x\.org/);
    expect(sealed.locale).toEqual({ before: 'en', after: 'sv' });
    expect(sealed.email.before).toBeNull();
    expect(keyIdsIn(sealed)).toEqual(['k1', 'k1', 'k1']);
    expect(openPersonal(sealed, new Map([['k1', key.key]]))).toEqual(changes);
    expect(openPersonal(sealed, new Map())).toEqual({
      displayName: { before: '[erased]', after: '[erased]' }, locale: { before: 'en', after: 'sv' }, email: { before: null, after: '[erased]' },
    });
  });

  it('opens only the values of the keys asked for, withholding other people\'s', () => {
    const other = { id: 'k2', key: newKey() };
    const mixed = { ...sealPersonal({ displayName: changes.displayName }, key), ...sealPersonal({ email: changes.email }, other) };
    const keys = new Map([['k1', key.key], ['k2', other.key]]);
    expect(openPersonal(mixed, keys, ['k1'])).toEqual({ displayName: changes.displayName, email: { before: null, after: '[personal]' } });
  });

  it('replaces personal fields when an entry names no data subject, and refuses a value moved to another key', () => {
    expect(sealPersonal(changes, null).displayName).toEqual({ before: '[personal]', after: '[personal]' });
    const sealed = sealPersonal(changes, key);
    const moved = { displayName: { before: { ...(sealed.displayName.before as object), $personal: 'k2' }, after: null } };
    expect(() => openPersonal(moved, new Map([['k2', key.key]]))).toThrow();
  });
});

describe('scrubbing a person out of rendered mail data', () => {
  const { text, json } = scrubber({ email: 'Ada@X.org', displayName: 'Ada Lovelace' }, { email: 'erased@invalid', displayName: 'Erased user' });

  it('replaces the address in any case and the name as a whole word, in every string of a value', () => {
    expect(text('Contacts: Ada Lovelace <ada@x.org>')).toBe('Contacts: Erased user <erased@invalid>');
    expect(text('Ada Lovelaceville stays')).toBe('Ada Lovelaceville stays');
    expect(json({ contacts: [{ name: 'Ada Lovelace', email: 'ADA@X.ORG' }], n: 3 })).toEqual({
      contacts: [{ name: 'Erased user', email: 'erased@invalid' }], n: 3,
    });
  });
});

describe('personal-data catalogue check', () => {
  it('flags personal-looking columns no module declared, and accepts declared or allowlisted ones', () => {
    const columns = [
      { table: 'users', column: 'email' },
      { table: 'organisations', column: 'name' },
      { table: 'widgets', column: 'contact_phone' },
      { table: 'widgets', column: 'colour' },
    ];
    expect(undeclaredPersonalColumns(columns, PERSONAL_COLUMN_PATTERN)).toEqual(['widgets.contact_phone']);
    expect(undeclaredPersonalColumns(columns, PERSONAL_COLUMN_PATTERN, [])).toEqual(['users.email', 'organisations.name', 'widgets.contact_phone']);
  });
});
