import type { ValidatorOptions } from 'class-validator';

/**
 * How every body and query is validated (the pipe in validation.ts adds the transform to DTO
 * classes): unknown fields are refused at every depth rather than stripped, and unknown objects
 * are not accepted. Kept free of Nest imports so unit tests can check them with class-validator.
 */
export const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};
