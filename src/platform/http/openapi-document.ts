import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ProblemDto } from './api-problems.decorator';
import { toOpenApi31 } from './openapi-31';
import { PUBLIC_OPERATION } from './openapi-extensions';
import { listProblemCodes } from './openapi-problem-codes';
import { routeInputs, routeProblems } from './openapi-route-inputs';
import { applyValidationRules } from './openapi-validation-rules';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
});
// Answers the HTTP layer gives before a route runs (src/platform/http/input-checks.ts).
const FRAMEWORK_REFUSALS = {
  body: {
    400: 'Invalid input: malformed JSON, a body that is not an object, or invalid fields (`errors[]` names each).',
    413: 'The body is larger than the API accepts.',
    415: 'The body is not `application/json`.',
  },
  pathId: { 400: 'A path parameter is not a valid id; `errors[]` names it.' },
  any: {
    414: 'The URL is longer than the API accepts.',
    500: 'An unexpected failure; nothing was changed. Quote `requestId` to support.',
  },
};

/**
 * The document the API serves at /api/docs-json: what Nest's decorators describe, plus what the
 * HTTP layer enforces on every route (servers, bearer security unless public, the framework's
 * own 400/413/414/415 refusals, Retry-After on 429), the problem codes each answer can carry, and
 * the validation rules of the DTOs.
 */
export function buildOpenApiDocument(app: INestApplication, appUrl: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Clusterlink API')
    .setDescription(
      'Talent exchanges, cooperative R&D, leading-enterprise brand clubs and channel network sharing for ' +
        'industry clusters. Errors are RFC 9457 application/problem+json; lists use opaque cursors; times ' +
        'are ISO-8601 UTC.',
    )
    .setVersion('1')
    .addServer(appUrl, 'This deployment')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const doc = SwaggerModule.createDocument(app, config, { deepScanRoutes: true, extraModels: [ProblemDto] });
  // package.json says UNLICENSED: no licence is granted, and the document says so.
  doc.info.license = { name: 'Proprietary (UNLICENSED): no licence is granted' };
  describeHttpLayer(doc);
  listProblemCodes(doc, routeProblems(app));
  applyValidationRules(doc, routeInputs(app));
  return toOpenApi31(doc);
}

function describeHttpLayer(doc: OpenAPIObject): void {
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as (Record<string, unknown> & { responses: Record<string, Record<string, unknown>> }) | undefined;
      if (!op) continue;
      if (op[PUBLIC_OPERATION]) {
        op.security = [];
        delete op[PUBLIC_OPERATION];
      }
      const hasPathId = ((op.parameters ?? []) as Array<{ in: string }>).some((p) => p.in === 'path');
      const refusals = {
        ...FRAMEWORK_REFUSALS.any,
        ...(hasPathId ? FRAMEWORK_REFUSALS.pathId : {}),
        ...(op.requestBody ? FRAMEWORK_REFUSALS.body : {}),
      };
      for (const [status, description] of Object.entries(refusals)) op.responses[status] ??= problem(description);
      const limited = op.responses['429'];
      if (limited) {
        limited.headers = {
          'Retry-After': { description: 'Seconds to wait before trying again.', required: true, schema: { type: 'integer', minimum: 0 } },
        };
      }
    }
  }
}
