import { ParseUUIDPipe } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { RouteInput } from './openapi-route-inputs';
import { validatorSchemas } from './validator-schemas';

// Keywords a class-validator rule states exactly; copied onto the schema @nestjs/swagger wrote.
const EXACT = ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern',
  'minItems', 'maxItems', 'uniqueItems'] as const;
const FORMATS = new Set(['uuid', 'email', 'date', 'date-time']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Schema = Record<string, unknown>;
type Parameter = { in: string; name: string; schema?: Schema };

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

/** The rules of a class: its own, or (a subclass that adds no decorators) its nearest ancestor's. */
function rulesOf(type: Function | undefined, rules: Record<string, Schema>): Schema | undefined {
  for (let t = type; t && t.name; t = Object.getPrototypeOf(t) as Function) if (rules[t.name]) return rules[t.name];
  return undefined;
}

/**
 * The DTOs' class-validator rules as the document's schemas: lengths, ranges, array sizes,
 * patterns, integers and formats of bodies and query parameters, read from the same metadata the
 * validation pipe enforces (so they cannot drift apart); `additionalProperties: false` on every
 * validated body, since the pipe refuses unknown fields; `format: uuid` on path parameters a
 * ParseUUIDPipe checks. `inputs` (routeInputs) says which class and pipes check each operation's
 * input. Schemas without validation metadata (responses) are left alone.
 */
export function applyValidationRules(doc: OpenAPIObject, inputs: Map<string, RouteInput[]>): void {
  const rules = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/', additionalConverters: validatorSchemas }) as Record<string, Schema>;
  // Request classes that add no decorators of their own (e.g. `extends PartialType(…)`) have no
  // entry under their own name: find them through the routes that take them.
  const classes = new Map<string, Function>();
  for (const list of inputs.values()) for (const { type } of list) if (type) classes.set(type.name, type);

  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}) as Array<[string, Schema]>) {
    const rule = rules[name] ?? rulesOf(classes.get(name), rules);
    if (!rule || '$ref' in schema) continue;
    schema.additionalProperties = false;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [prop, propRule] of Object.entries((rule.properties ?? {}) as Record<string, Schema>)) {
      const target = properties[prop];
      if (target && !('$ref' in target)) merge(target, propRule);
    }
  }

  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as { operationId?: string; parameters?: Parameter[] } | undefined;
      const list = op?.operationId ? inputs.get(op.operationId) : undefined;
      if (!op || !list) continue;
      const query = list.filter((i) => i.source === 'query' && i.type).map((i) => rulesOf(i.type, rules)?.properties as Record<string, Schema> | undefined);
      for (const parameter of op.parameters ?? []) {
        if (!parameter.schema) continue;
        if (parameter.in === 'query') {
          const rule = query.map((props) => props?.[parameter.name]).find(Boolean);
          if (rule) merge(parameter.schema, rule);
        } else if (parameter.in === 'path') {
          const pipes = list.filter((i) => i.source === 'param' && i.name === parameter.name).flatMap((i) => i.pipes);
          if (pipes.some((p) => p instanceof ParseUUIDPipe) && parameter.schema.type === 'string') parameter.schema.format ??= 'uuid';
        }
      }
    }
  }
}
