import { ParseUUIDPipe, ValidationPipe } from '@nestjs/common';
import { ValidationFailedError } from './domain-error';
import { cacheValidationMetadata } from './validation-metadata-cache';
import { VALIDATOR_OPTIONS } from './validation-options';
import { flattenValidationErrors } from './validation-errors';

/** Whitelist, reject unknown fields, transform to DTO classes; every failure names its field. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new ValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}

/** A path id that is not a UUID is a 400 naming the parameter, never a 500 from the database. */
export function uuidParam(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    version: undefined,
    exceptionFactory: () =>
      new ValidationFailedError([{ field: name, messages: [`${name} must be a UUID`] }], `Path parameter ${name} must be a UUID.`),
  });
}
