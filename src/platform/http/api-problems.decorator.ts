import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { ErrorCode } from './error-catalogue';
import { PROBLEM_DESCRIPTIONS } from './openapi-problem-codes';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ type: [String], example: ['email must be an email'] }) messages: string[];
}

/** RFC 9457 problem details: the body of every error response. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:clusterlink:problem:common.validation_failed' }) type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ type: 'integer', example: 400 }) status: number;
  @ApiProperty({ example: 'The request has invalid fields.' }) detail: string;
  @ApiProperty({ example: 'common.validation_failed', description: 'Stable machine-readable error code; each error response lists the codes it can carry.' })
  code: string;
  @ApiPropertyOptional({ example: '/api/v1/auth/register' }) instance?: string;
  @ApiPropertyOptional({ description: 'Echoes X-Request-Id; quote it to support.' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'One entry per invalid field.' })
  errors?: FieldErrorDto[];
  @ApiPropertyOptional({ description: 'On 409 for a state transition: the record\'s current state.' })
  currentState?: string;
  @ApiPropertyOptional({ description: 'On a 503 from /health: each dependency\'s status.', example: { database: { status: 'up' }, redis: { status: 'down' } } })
  checks?: Record<string, unknown>;
}

/** Documents the problem+json error responses an endpoint can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
      }),
    ),
  );
}

/** Metadata key of `@ProblemCodes`. */
export const PROBLEM_CODES = 'openapi:problemCodes';

/**
 * The declared problem codes a handler can answer beyond the HTTP layer's own (on a controller:
 * every handler of it). The document lists them under their statuses, adding a status the
 * handler did not document, and the response check refuses any other code.
 */
export const ProblemCodes = (...codes: ErrorCode[]): MethodDecorator & ClassDecorator => SetMetadata(PROBLEM_CODES, codes);
