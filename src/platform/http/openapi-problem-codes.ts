import type { OpenAPIObject } from '@nestjs/swagger';
// The platform's catalogues, so their codes are declared before the document lists them.
import '../auth/auth.errors';
import './common.errors';
import { DeclaredError, declaredError, declaredErrors, ListedOn } from './error-catalogue';

const PROBLEM = 'application/problem+json';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM_REF = '#/components/schemas/ProblemDto';

/** What each error status means, on every operation that documents it. */
export const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors[]` names each bad field.',
  401: 'Missing, invalid or expired credentials.',
  403: 'Authenticated, but not allowed to do this.',
  404: 'Not found, or not visible to you.',
  409: 'Conflicts with the current state; `currentState` tells it.',
  429: 'Rate limit reached; see Retry-After.',
  503: 'A dependency (PostgreSQL, Redis) is unreachable; try again. From /health, `checks` tells which.',
};

/** What the document needs of a handler to list its codes. */
export interface RouteProblems {
  /** The codes `@ProblemCodes` names on the handler and its controller. */
  codes: string[];
  /** Whether `@Roles` guards it, so the role check can refuse. */
  roles: boolean;
}

type Schema = Record<string, unknown>;
type Response = { description?: string; content?: Record<string, { schema?: Schema }> };
type Operation = { operationId?: string; parameters?: unknown[]; requestBody?: unknown; security?: unknown[]; responses: Record<string, Response> };

/**
 * Lists under each problem answer of each operation the codes it can carry, as an enum on the
 * body's `code`: the HTTP layer's codes whose `listedOn` holds for the operation, and the codes its
 * handler names with `@ProblemCodes` (a status one of them needs is added if the operation did not
 * document it). The response check then refuses a problem whose code the enum lacks.
 */
export function listProblemCodes(doc: OpenAPIObject, routes: Map<string, RouteProblems>): void {
  const automatic = declaredErrors().filter((e) => e.listedOn);
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const route = routes.get(op.operationId ?? '') ?? { codes: [], roles: false };
      const named = route.codes.map((code) => {
        const declared = declaredError(code);
        if (!declared) throw new Error(`${op.operationId} names problem code ${code}, which no loaded catalogue declares`);
        return declared;
      });
      for (const { status } of named) {
        op.responses[status] ??= {
          description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
          content: { [PROBLEM]: { schema: { $ref: PROBLEM_REF } } },
        };
      }
      const holds: Record<ListedOn, boolean> = {
        every: true,
        input: Boolean(op.requestBody) || (op.parameters?.length ?? 0) > 0,
        body: Boolean(op.requestBody) || method !== 'get',
        secured: op.security?.length !== 0,
        roles: route.roles,
        write: method !== 'get',
      };
      const candidates = [...automatic.filter((e) => holds[e.listedOn!]), ...named];
      for (const [status, response] of Object.entries(op.responses)) {
        const content = response.content?.[PROBLEM];
        if (!content) continue;
        const codes = [...new Map(candidates.filter((e) => String(e.status) === status).map((e) => [e.code, e])).values()];
        // A copy: @nestjs/swagger shares a controller-level response object between its operations.
        if (codes.length > 0) op.responses[status] = { ...response, content: { ...response.content, [PROBLEM]: { ...content, schema: problemSchema(codes) } } };
      }
    }
  }
}

function problemSchema(codes: DeclaredError[]): Schema {
  const sorted = [...codes].sort((a, b) => a.code.localeCompare(b.code));
  return {
    allOf: [
      { $ref: PROBLEM_REF },
      {
        type: 'object',
        properties: {
          code: {
            type: 'string',
            enum: sorted.map((e) => e.code),
            description: sorted.map((e) => `- \`${e.code}\`: ${e.title}`).join('\n'),
          },
        },
      },
    ],
  };
}

/** The codes the document lists for one problem answer, or undefined if it lists none. */
export function listedProblemCodes(schema: unknown): string[] | undefined {
  const parts = (schema as { allOf?: Array<{ properties?: { code?: { enum?: unknown } } }> } | undefined)?.allOf;
  const listed = parts?.map((p) => p.properties?.code?.enum).find(Array.isArray);
  return listed as string[] | undefined;
}
