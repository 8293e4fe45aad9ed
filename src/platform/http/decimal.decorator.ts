import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * A finite number with at most `places` decimals, exponent forms included (1e-7 has seven).
 * class-validator's `IsNumber({ maxDecimalPlaces })` reads decimals from `toString()` and throws
 * on an exponent form such as 7e-323, which became a 500; a number that rounds to itself at
 * `places` decimals is what a `numeric`/`real` column and the rules here expect.
 */
export function isDecimal(value: unknown, places: number): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  const scale = 10 ** places;
  return Math.round(value * scale) / scale === value;
}

export function IsDecimal(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isDecimal',
    constraints: [places],
    validator: {
      validate: (value: unknown) => isDecimal(value, places),
      defaultMessage: (args) => `${args?.property} must be a number with at most ${places} decimals`,
    },
  }, options);
}
