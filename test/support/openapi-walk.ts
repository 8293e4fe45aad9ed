/** Small readers over an OpenAPI 3.1 document, for the tests that hold it to its rules. */
export type Schema = Record<string, unknown>;
export interface Operation {
  key: string;
  operationId?: string;
  security?: unknown[];
  parameters?: Array<{ in: string; name: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema: Schema }> }>;
}
export interface Document {
  openapi: string;
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Omit<Operation, 'key'>>>;
  components: { schemas: Record<string, Schema> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export function operations(doc: Document): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ ...item[m], key: `${m.toUpperCase()} ${path}` })));
}

/** Every schema node under `node`, with its JSON pointer; `$ref`s are not followed. */
export function* schemaNodes(node: unknown, at = ''): Generator<[string, Schema]> {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) yield* schemaNodes(child, `${at}/${i}`);
  } else if (node && typeof node === 'object') {
    yield [at, node as Schema];
    for (const [key, child] of Object.entries(node)) if (key !== 'example' && key !== 'examples') yield* schemaNodes(child, `${at}/${key}`);
  }
}

/** The component schemas a request body reaches, through properties, items and compositions. */
export function requestSchemas(doc: Document): Map<string, Schema> {
  const found = new Map<string, Schema>();
  const visit = (node: unknown): void => {
    for (const [, schema] of schemaNodes(node)) {
      const ref = typeof schema.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : null;
      if (ref && !found.has(ref)) {
        found.set(ref, doc.components.schemas[ref]);
        visit(doc.components.schemas[ref]);
      }
    }
  };
  for (const op of operations(doc)) visit(op.requestBody);
  return found;
}

/** Whether a schema's type is (or includes) `type`. */
export const hasType = (schema: Schema, type: string): boolean =>
  schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));
