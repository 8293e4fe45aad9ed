import { ErrorKind, FieldError } from './domain-error';
import type { ErrorCode } from './error-catalogue';

/** RFC 9457 problem details, the one shape every error body has. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Declared in a module's catalogue (error-catalogue.ts). */
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Request Error');
}

export function problemType(code: ErrorCode): string {
  return `urn:clusterlink:problem:${code}`;
}

/** A problem body: its type follows from the code and its title from the status. */
export function problemBody(status: number, code: ErrorCode, detail: string): ProblemDetails {
  return { type: problemType(code), title: titleFor(status), status, detail, code };
}
