import type { OpenAPIObject } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

// Keywords a class-validator rule states exactly; copied onto the schema @nestjs/swagger wrote.
const EXACT = ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern',
  'minItems', 'maxItems', 'uniqueItems'] as const;
const FORMATS = new Set(['uuid', 'email', 'date-time']);

type Schema = Record<string, unknown>;

/** Merges what one validated property enforces into its documented schema (and its items'). */
function merge(target: Schema, rule: Schema): void {
  for (const key of EXACT) if (rule[key] !== undefined && target[key] === undefined) target[key] = rule[key];
  if (rule.type === 'integer' && (target.type === 'number' || target.type === undefined)) target.type = 'integer';
  if (typeof rule.format === 'string' && FORMATS.has(rule.format) && target.format === undefined && target.type === 'string') {
    target.format = rule.format;
  }
  const [items, ruleItems] = [target.items as Schema | undefined, rule.items as Schema | undefined];
  if (items && ruleItems && !('$ref' in items)) merge(items, ruleItems);
}

/**
 * The DTOs' class-validator rules as the document's schemas: lengths, ranges, array sizes,
 * patterns, integers and formats, read from the same metadata the validation pipe enforces (so
 * they cannot drift apart), and `additionalProperties: false` on every validated body, since the
 * pipe refuses unknown fields. Schemas without validation metadata (responses) are left alone.
 */
export function applyValidationRules(doc: OpenAPIObject): void {
  const rules = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' }) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}) as Array<[string, Schema]>) {
    const rule = rules[name];
    if (!rule || '$ref' in schema) continue;
    schema.additionalProperties = false;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [prop, propRule] of Object.entries((rule.properties ?? {}) as Record<string, Schema>)) {
      const target = properties[prop];
      if (target && !('$ref' in target)) merge(target, propRule);
    }
  }
}
