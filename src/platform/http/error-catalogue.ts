import type { ErrorKind } from './domain-error';
import { STATUS_BY_KIND } from './problem';

/**
 * Every problem code the API can answer, declared once per module. A module's `*.errors.ts`
 * calls `defineErrors('<module>', {...})` with each code's kind (which fixes its HTTP status)
 * and a title, and adds the result to `ErrorCodes` below by declaration merging. `DomainError`
 * accepts only a declared code of its kind, so an undeclared code does not compile; the OpenAPI
 * document lists, per operation and status, the codes its handler names (`@ProblemCodes`).
 */

/** What makes a code appear in the document without a handler naming it (HTTP layer only). */
export type ListedOn =
  | 'every' // any operation: 500, 414, and the input guard, which reads every query string
  | 'input' // operations with parameters or a body: the validation pipe
  | 'body' // operations that take a body, or any but GET (a client may send one): the body parser
  | 'secured' // operations that need a token: the auth guard
  | 'roles' // operations with @Roles: the roles check
  | 'write'; // POST, PUT, PATCH, DELETE: a unique or concurrent-change refusal from PostgreSQL

/** A code thrown by domain code: its kind decides the status (problem.ts). */
export interface DomainErrorSpec {
  readonly kind: ErrorKind;
  readonly title: string;
  readonly listedOn?: ListedOn;
}

/** A code only the HTTP layer answers (framework refusals): it has a status but no kind. */
export interface HttpErrorSpec {
  readonly status: number;
  readonly title: string;
  readonly listedOn?: ListedOn;
}

export type ErrorSpec = DomainErrorSpec | HttpErrorSpec;

/** One declared code, as the document and the tests read it. */
export interface DeclaredError {
  readonly code: string;
  readonly module: string;
  readonly status: number;
  readonly kind?: ErrorKind;
  readonly title: string;
  readonly listedOn?: ListedOn;
}

/**
 * Declared codes and their kinds (`'approvals.not_found': 'not_found'`); each `*.errors.ts`
 * extends it with `interface ErrorCodes extends CodesOf<typeof ITS_ERRORS> {}`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ErrorCodes {}

/** Every declared code. */
export type ErrorCode = keyof ErrorCodes & string;

/** The declared codes of one kind (what `NotFoundError` may carry, for example). */
export type CodeOfKind<K extends ErrorKind> = { [C in ErrorCode]: ErrorCodes[C] extends K ? C : never }[ErrorCode];

type Catalogue = Record<string, DeclaredError>;

/** The `ErrorCodes` entries of one catalogue: code → kind (`never` for HTTP-layer codes, which domain code cannot throw). */
export type CodesOf<T extends Catalogue> = {
  [K in keyof T as T[K]['code']]: T[K] extends { kind: infer Kind } ? Kind : never;
};

type Defined<M extends string, T extends Record<string, ErrorSpec>> = {
  readonly [K in keyof T & string]: DeclaredError & {
    readonly code: `${M}.${K}`;
    readonly kind: T[K] extends { kind: infer Kind } ? Kind : undefined;
  };
};

const registry = new Map<string, DeclaredError>();
const modules = new Set<string>();

/** Declares a module's codes, `<module>.<key>`; a module declares them in one call, and a code once. */
export function defineErrors<M extends string, const T extends Record<string, ErrorSpec>>(module: M, specs: T): Defined<M, T> {
  if (!/^[a-z][a-z_]*$/.test(module)) throw new Error(`error module name ${module} must be snake_case`);
  if (modules.has(module)) throw new Error(`the problem codes of ${module} are declared twice; a module declares them in one place`);
  modules.add(module);
  const out: Record<string, DeclaredError> = {};
  for (const [key, spec] of Object.entries(specs)) {
    if (!/^[a-z][a-z0-9_]*$/.test(key)) throw new Error(`problem code ${module}.${key} must be snake_case`);
    const code = `${module}.${key}`;
    const kind = 'kind' in spec ? spec.kind : undefined;
    const status = 'kind' in spec ? STATUS_BY_KIND[spec.kind] : spec.status;
    const declared: DeclaredError = Object.freeze({ code, module, status, kind, title: spec.title, listedOn: spec.listedOn });
    registry.set(code, declared);
    out[key] = declared;
  }
  return Object.freeze(out) as Defined<M, T>;
}

/** A declared code, or undefined when its catalogue is not loaded. */
export function declaredError(code: string): DeclaredError | undefined {
  return registry.get(code);
}

/** Every code declared by the catalogues loaded so far. */
export function declaredErrors(): DeclaredError[] {
  return [...registry.values()];
}

