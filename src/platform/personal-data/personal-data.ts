import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';

/**
 * The person whose data is exported or erased, as identity knew them before erasure began. Every
 * contributor receives the same snapshot, so one that runs after the account was pseudonymised
 * still knows the address and name to look for.
 */
export interface DataSubject {
  userId: string;
  email: string;
  displayName: string;
}

/**
 * What one module holds about people: for each of its tables, the columns that hold personal data
 * (exported, and erased or pseudonymised on request), and the text columns that look personal by
 * name but are not (with the reason). The completeness test compares these with every entity.
 */
export interface PersonalDataDeclaration {
  module: string;
  tables: Record<string, { personal: string[]; notPersonal?: Record<string, string> }>;
}

/**
 * One module's part of export and erasure. Each module implements it for its own tables and
 * registers it with the PersonalDataRegistry; the privacy module calls every contributor in the
 * order of the catalogue, inside one transaction.
 */
export interface PersonalDataContributor {
  readonly declaration: PersonalDataDeclaration;
  /** The module's section of the export document (plain JSON). */
  export(em: EntityManager, subject: DataSubject): Promise<unknown>;
  /** Deletes or pseudonymises the module's personal data about the subject. */
  erase(em: EntityManager, subject: DataSubject, actor: Actor): Promise<void>;
  /** The clusters whose staff may act for the subject, as far as this module knows. */
  clustersOf?(em: EntityManager, userId: string): Promise<string[]>;
}

/**
 * Column names that suggest personal data. A column of an entity whose name matches must be
 * declared by its module, either as personal or as not personal with a reason.
 */
export const PERSONAL_COLUMN_PATTERN =
  /(^|_)(email|e_mail|display_name|first_name|last_name|full_name|person|phone|mobile|password|password_hash|headline|skills|languages|address|birth|contact|reason|recipient|name)(_|$)/;
