/** JSON Schema keywords, as the OpenAPI document states them. */
export type ValidatorSchema = Record<string, unknown>;

// What the project's own class-validator decorators (registerDecorator / ValidateBy) enforce, by
// the name they register. Kept free of imports so any DTO module can declare into it.
export const validatorSchemas: Record<string, ValidatorSchema> = {};

/**
 * Declares the JSON Schema a custom class-validator decorator enforces, so the OpenAPI document
 * states it wherever the decorator is used (`each: true` puts it on the array's items). Called
 * next to the decorator's definition; read by openapi-validation-rules.ts.
 */
export function documentValidator(name: string, schema: ValidatorSchema): void {
  validatorSchemas[name] = schema;
}
