import { APPROVALS_PERSONAL_DATA } from '../approvals/personal-data/approvals.personal-data';
import { AUDIT_PERSONAL_DATA } from '../audit/audit.personal-data';
import { CHANNEL_SHARING_PERSONAL_DATA } from '../channel-sharing/personal-data/channel-sharing.personal-data';
import { DIRECTORY_PERSONAL_DATA } from '../directory/personal-data/directory.personal-data';
import { IDENTITY_PERSONAL_DATA } from '../identity/personal-data/identity.personal-data';
import { NOTIFICATIONS_PERSONAL_DATA } from '../notifications/personal-data/notifications.personal-data';
import { PersonalDataDeclaration } from '../../platform/personal-data/personal-data';
import { PRIVACY_PERSONAL_DATA } from './privacy.personal-data';

/**
 * Every module's declaration of the personal data it holds, in the order erasure runs them: the
 * modules that refer to people first, identity (which pseudonymises the account) last. A new
 * module adds its declaration here and registers a contributor; a test fails for any entity
 * column that looks personal and is declared nowhere, and the API refuses to boot when a
 * catalogued module registered no contributor.
 */
export const PERSONAL_DATA_CATALOG: readonly PersonalDataDeclaration[] = [
  DIRECTORY_PERSONAL_DATA,
  APPROVALS_PERSONAL_DATA,
  CHANNEL_SHARING_PERSONAL_DATA,
  NOTIFICATIONS_PERSONAL_DATA,
  PRIVACY_PERSONAL_DATA,
  AUDIT_PERSONAL_DATA,
  IDENTITY_PERSONAL_DATA,
];

export const CATALOGUED_MODULES = PERSONAL_DATA_CATALOG.map((d) => d.module);

/** A column of an entity's table, from TypeORM's metadata. */
export interface ColumnInfo {
  table: string;
  column: string;
}

/**
 * The columns whose names look personal (PERSONAL_COLUMN_PATTERN) and that no declaration lists,
 * as personal or as not personal.
 */
export function undeclaredPersonalColumns(
  columns: ColumnInfo[],
  pattern: RegExp,
  catalog: readonly PersonalDataDeclaration[] = PERSONAL_DATA_CATALOG,
): string[] {
  const declared = new Set(declaredColumns(catalog));
  return columns.filter((c) => pattern.test(c.column) && !declared.has(`${c.table}.${c.column}`)).map((c) => `${c.table}.${c.column}`);
}

/** Declared columns that no entity has (a typo, or a column since renamed): a silent gap otherwise. */
export function unknownDeclaredColumns(columns: ColumnInfo[], catalog: readonly PersonalDataDeclaration[] = PERSONAL_DATA_CATALOG): string[] {
  const existing = new Set(columns.map((c) => `${c.table}.${c.column}`));
  return declaredColumns(catalog).filter((c) => !existing.has(c));
}

function declaredColumns(catalog: readonly PersonalDataDeclaration[]): string[] {
  return catalog.flatMap((d) =>
    Object.entries(d.tables).flatMap(([table, t]) => [...t.personal, ...Object.keys(t.notPersonal ?? {})].map((c) => `${table}.${c}`)),
  );
}
