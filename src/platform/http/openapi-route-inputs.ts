import { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { REQUIRED_ROLES } from '../auth/decorators';
import { PROBLEM_CODES } from './api-problems.decorator';
import type { RouteProblems } from './openapi-problem-codes';

/** One `@Body()`, `@Query()` or `@Param()` argument of a route handler, as Nest registered it. */
export interface RouteInput {
  source: 'body' | 'query' | 'param';
  /** The name given to the decorator (`@Param('id')`), if any. */
  name?: string;
  /** The argument's declared class (a DTO), when it is one. */
  type?: Function;
  pipes: unknown[];
}

const SOURCES: Partial<Record<number, RouteInput['source']>> = {
  [RouteParamtypes.BODY]: 'body',
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.PARAM]: 'param',
};
const PLAIN = new Set<Function>([String, Number, Boolean, Object, Array]);

/**
 * The inputs of every route handler, keyed by the operationId @nestjs/swagger gives it
 * (`Controller_method`). The document lists what the decorators say; this says which DTO class
 * and which pipes actually check each input, so the validation rules can be read from them.
 */
export function routeInputs(app: INestApplication): Map<string, RouteInput[]> {
  const byOperation = new Map<string, RouteInput[]>();
  for (const { operationId, controller, method } of routeHandlers(app)) {
    const proto = controller.prototype as object;
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown; pipes?: unknown[] }>;
    const types = (Reflect.getMetadata('design:paramtypes', proto, method) ?? []) as unknown[];
    const inputs: RouteInput[] = [];
    for (const [key, arg] of Object.entries(args)) {
      const source = SOURCES[Number(key.split(':')[0])];
      if (!source) continue;
      const type = types[arg.index];
      inputs.push({
        source,
        name: typeof arg.data === 'string' ? arg.data : undefined,
        type: typeof type === 'function' && !PLAIN.has(type) ? type : undefined,
        pipes: arg.pipes ?? [],
      });
    }
    byOperation.set(operationId, inputs);
  }
  return byOperation;
}

/** `@ProblemCodes` and `@Roles` of every handler, keyed by operationId. */
export function routeProblems(app: INestApplication): Map<string, RouteProblems> {
  const out = new Map<string, RouteProblems>();
  for (const { operationId, controller, handler } of routeHandlers(app)) {
    const codes = [
      ...((Reflect.getMetadata(PROBLEM_CODES, controller) ?? []) as string[]),
      ...((Reflect.getMetadata(PROBLEM_CODES, handler) ?? []) as string[]),
    ];
    const roles = Reflect.getMetadata(REQUIRED_ROLES, handler) ?? Reflect.getMetadata(REQUIRED_ROLES, controller);
    out.set(operationId, { codes: [...new Set(codes)], roles: Array.isArray(roles) && roles.length > 0 });
  }
  return out;
}

/** Every method of every controller, with the operationId @nestjs/swagger gives it (`Controller_method`). */
export function* routeHandlers(app: INestApplication): Generator<{ operationId: string; controller: Function; method: string; handler: Function }> {
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const proto = (metatype as Function | null)?.prototype as Record<string, unknown> | undefined;
      if (!metatype || !proto) continue;
      for (const method of Object.getOwnPropertyNames(proto)) {
        if (method === 'constructor' || typeof proto[method] !== 'function') continue;
        yield { operationId: `${metatype.name}_${method}`, controller: metatype, method, handler: proto[method] as Function };
      }
    }
  }
}
