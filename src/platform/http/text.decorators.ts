import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

/** Trims a string field before validation, so "   " fails a length or not-empty rule naming the field. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/**
 * An optional field that, when sent, must be valid: unlike `@IsOptional()`, `null` is validated
 * (and so refused by the field's rules) rather than skipped. For fields that cannot be cleared.
 */
export const OptionalButNotNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
