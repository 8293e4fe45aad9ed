import type { OpenAPIObject } from '@nestjs/swagger';

type Node = Record<string, unknown>;

/**
 * Rewrites the OpenAPI 3.0 document @nestjs/swagger produces as OpenAPI 3.1, where null is a
 * type: `nullable: true` becomes `type: [T, 'null']`, a nullable enum lists `null`, and a
 * nullable reference (3.0's `allOf: [$ref]` + `nullable`, which strict clients refuse to
 * deserialise null into) becomes `oneOf: [$ref, {type: 'null'}]`. Also, by this API's naming
 * rule, a string property ending in `At` is an ISO 8601 timestamp (`format: date-time`).
 */
export function toOpenApi31(doc: OpenAPIObject): OpenAPIObject {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const schema = node as Node;
    if (schema.nullable === true) {
      delete schema.nullable;
      const refs = schema.allOf as Node[] | undefined;
      if (refs?.length === 1 && !schema.properties) {
        delete schema.allOf;
        delete schema.type;
        schema.oneOf = [refs[0], { type: 'null' }];
      } else if (typeof schema.type === 'string') {
        schema.type = [schema.type, 'null'];
        if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
      }
    }
    const properties = schema.properties as Record<string, Node> | undefined;
    for (const [name, prop] of Object.entries(properties ?? {})) {
      const type = prop.type;
      const isString = type === 'string' || (Array.isArray(type) && type.includes('string'));
      if (name.endsWith('At') && isString && prop.format === undefined) prop.format = 'date-time';
    }
    Object.values(schema).forEach(visit);
  };
  visit(doc.components);
  visit(doc.paths);
  return { ...doc, openapi: '3.1.0' };
}
