import { ValidateBy, ValidationOptions } from 'class-validator';
import { documentValidator } from './validator-schemas';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** A calendar day that exists: the date Date.UTC builds from its parts has the same parts. */
function dayExists(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `YYYY-MM-DD` naming a day that exists (no 30 February, no week or ordinal forms). */
export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  return m !== null && dayExists(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `YYYY-MM-DDThh:mm[:ss[.ffffff]]` with `Z` or `±hh:mm`, every part in range. */
export function isIsoInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = INSTANT.exec(value);
  if (m === null || !dayExists(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const offsetOk = m[7] === 'Z' || (Number(m[8]) <= 14 && Number(m[9]) <= 59);
  return hour <= 23 && minute <= 59 && second <= 59 && offsetOk;
}

documentValidator('isIsoDate', { type: 'string', format: 'date' });
// The form of either (the document cannot say "a day that exists" for the date-time branch).
documentValidator('isIsoDateOrInstant', {
  type: 'string',
  pattern: `^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2}))?$`,
});

/**
 * A calendar date in the one form PostgreSQL and every client read alike. Replaces
 * `@IsDateString()`/`@IsISO8601()`, which pass days that do not exist and forms the database
 * cannot parse, so they reached it as 500s.
 */
export const IsIsoDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: isIsoDate,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date that exists, as YYYY-MM-DD`,
      },
    },
    options,
  );

/** A calendar date, or an instant with its zone (`Z` or `±hh:mm`). */
export const IsIsoDateOrInstant = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIsoDateOrInstant',
      validator: {
        validate: (value: unknown) => isIsoDate(value) || isIsoInstant(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be YYYY-MM-DD or an ISO 8601 date-time with Z or an offset, naming a moment that exists`,
      },
    },
    options,
  );
