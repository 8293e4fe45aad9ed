import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

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
  @ApiProperty({ example: 'common.validation_failed', description: 'Stable machine-readable error code.' })
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

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors[]` names each bad field.',
  401: 'Missing, invalid or expired credentials.',
  403: 'Authenticated, but not allowed to do this.',
  404: 'Not found, or not visible to you.',
  409: 'Conflicts with the current state; `currentState` tells it.',
  429: 'Rate limit reached; see Retry-After.',
  503: 'A dependency (PostgreSQL, Redis) is unreachable; try again. From /health, `checks` tells which.',
};

/** Documents the problem+json error responses an endpoint can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
      }),
    ),
  );
}
