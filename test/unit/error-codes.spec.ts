import fs from 'node:fs';
import path from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DomainError, InvalidTransitionError, NotFoundError, ValidationFailedError } from '../../src/platform/http/domain-error';
import { declaredError, declaredErrors } from '../../src/platform/http/error-catalogue';
import { InvalidBodyError, InvalidTextError, TooDeepError } from '../../src/platform/http/input-guard';
import { listedProblemCodes, listProblemCodes, RouteProblems } from '../../src/platform/http/openapi-problem-codes';
import { errorFiles, loadErrorFiles } from '../support/error-catalogues';

const files = loadErrorFiles();
const SRC = path.resolve(__dirname, '../../src');

function sources(dir = SRC): Array<{ file: string; text: string }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [{ file: path.relative(SRC, full), text: fs.readFileSync(full, 'utf8') }] : [];
  });
}

describe('problem codes', () => {
  it('are declared in one catalogue per module, each code once, all in *.errors.ts files', () => {
    expect(errorFiles().length).toBeGreaterThan(5);
    const codes: string[] = [];
    const fileOfModule = new Map<string, string[]>();
    for (const { file, catalogues } of files) {
      expect(Object.keys(catalogues).length).toBeLessThanOrEqual(1);
      for (const catalogue of Object.values(catalogues)) {
        for (const [key, declared] of Object.entries(catalogue)) {
          expect(declared.code).toBe(`${declared.module}.${key}`);
          codes.push(declared.code);
          fileOfModule.set(declared.module, [...new Set([...(fileOfModule.get(declared.module) ?? []), file])]);
        }
      }
    }
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
    expect([...fileOfModule].filter(([, where]) => where.length > 1)).toEqual([]);
    // Nothing declared anywhere else: the registry holds exactly what the error files export.
    expect(declaredErrors().map((d) => d.code).sort()).toEqual([...codes].sort());
  });

  it('are what every error class carries, each with the kind its catalogue declares', () => {
    const classes = [
      ...files.flatMap((f) => f.classes),
      NotFoundError, ValidationFailedError, InvalidTransitionError, InvalidTextError, TooDeepError, InvalidBodyError,
    ];
    expect(classes.length).toBeGreaterThan(40);
    const wrong: string[] = [];
    for (const ErrorClass of classes) {
      // Required arguments only (`length` stops at the first default), so default codes are used.
      const error = new (ErrorClass as unknown as new (...a: unknown[]) => DomainError)(...Array(ErrorClass.length).fill('x'));
      const declared = declaredError(error.code);
      if (!declared) wrong.push(`${ErrorClass.name}: ${error.code} is not declared`);
      else if (declared.kind !== error.kind) wrong.push(`${ErrorClass.name}: ${error.code} is declared ${declared.kind}, thrown ${error.kind}`);
    }
    expect(wrong).toEqual([]);
  });

  it('are each thrown or answered somewhere, not only declared', () => {
    // A use is the quoted code outside a `@ProblemCodes(...)` line: a class, a throw, a mapping.
    const text = sources().map(({ text: t }) => t.split('\n').filter((l) => !l.includes('@ProblemCodes(')).join('\n')).join('\n');
    const unused = declaredErrors().map((d) => d.code).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });
});

describe('the problem codes in the OpenAPI document', () => {
  const problem = () => ({ description: 'x', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } });
  const doc = (): OpenAPIObject => {
    // One 404 object for both operations, as @nestjs/swagger shares a controller-level response.
    const shared404 = problem();
    return {
    openapi: '3.0.0', info: { title: 't', version: '1' }, components: {},
    paths: {
      '/things/{id}': {
        post: {
          operationId: 'Things_act', parameters: [{ in: 'path', name: 'id' }], requestBody: { content: {} },
          responses: { '201': { description: 'ok' }, '400': problem(), '401': problem(), '404': shared404, '409': problem(), '500': problem() },
        },
        get: { operationId: 'Things_get', security: [], responses: { '200': { description: 'ok' }, '400': problem(), '404': shared404, '500': problem() } },
      },
    },
    } as unknown as OpenAPIObject;
  };
  const codesAt = (d: OpenAPIObject, method: 'get' | 'post', status: string) =>
    listedProblemCodes((d.paths['/things/{id}'][method]!.responses[status] as { content: Record<string, { schema: unknown }> }).content['application/problem+json'].schema);

  it('lists the HTTP layer\'s codes where they apply and the codes a handler names, adding their statuses', () => {
    const d = doc();
    const routes = new Map<string, RouteProblems>([
      ['Things_act', { codes: ['approvals.not_found', 'approvals.conflict_of_interest', 'common.invalid_transition'], roles: true }],
      ['Things_get', { codes: ['common.not_found'], roles: false }],
    ]);
    listProblemCodes(d, routes);
    expect(codesAt(d, 'post', '400')).toEqual(expect.arrayContaining(['common.validation_failed', 'common.malformed_json', 'common.invalid_body']));
    expect(codesAt(d, 'post', '401')).toEqual(['auth.invalid_token', 'auth.unauthenticated']);
    expect(codesAt(d, 'post', '403')).toEqual(['approvals.conflict_of_interest', 'auth.role_required']);
    expect(codesAt(d, 'post', '404')).toEqual(['approvals.not_found']);
    expect(codesAt(d, 'post', '409')).toEqual(['common.concurrent_change', 'common.duplicate', 'common.invalid_transition']);
    expect(codesAt(d, 'post', '500')).toEqual(['common.internal']);
    // A public read without inputs: the input guard's codes (it reads every query string), no
    // body, auth or validation codes, no write conflicts; its own not_found.
    expect(codesAt(d, 'get', '400')).toEqual(['common.invalid_text', 'common.too_deep']);
    expect(codesAt(d, 'get', '404')).toEqual(['common.not_found']);
    expect(d.paths['/things/{id}'].get!.responses['401']).toBeUndefined();
  });

  it('refuses a handler naming a code no catalogue declares', () => {
    expect(() => listProblemCodes(doc(), new Map([['Things_get', { codes: ['things.unheard_of'], roles: false }]]))).toThrow(/things\.unheard_of/);
  });
});
