import { Transform } from 'class-transformer';

/** Trims and lower-cases an email field before validation: addresses are compared case-blind. */
export const NormalizeEmail = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
