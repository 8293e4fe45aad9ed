import { CodesOf, defineErrors } from './error-catalogue';

/**
 * The platform's own problem codes: what any module may throw (`not_found`, `validation_failed`,
 * `invalid_transition`) and what the HTTP layer answers before or around a handler. `listedOn`
 * says which operations the document lists a code on without their handler naming it.
 */
export const COMMON_ERRORS = defineErrors('common', {
  not_found: { kind: 'not_found', title: 'The record does not exist, or you may not see it.' },
  validation_failed: { kind: 'invalid', title: 'A parameter or field is invalid; `errors[]` names each.', listedOn: 'input' },
  invalid_transition: { kind: 'conflict', title: 'The record\'s current state does not allow this; `currentState` tells it.' },
  invalid_text: { kind: 'invalid', title: 'A string holds a NUL character or invalid Unicode.', listedOn: 'every' },
  too_deep: { kind: 'invalid', title: 'The input nests objects or arrays too deeply.', listedOn: 'every' },
  invalid_body: { kind: 'invalid', title: 'The body is not a JSON object.', listedOn: 'body' },
  malformed_json: { status: 400, title: 'The body is not valid JSON, or is empty.', listedOn: 'body' },
  bad_request: { status: 400, title: 'The request could not be read (for example a wrong Content-Length).', listedOn: 'body' },
  payload_too_large: { status: 413, title: 'The body is larger than the API accepts.', listedOn: 'body' },
  unsupported_media_type: { status: 415, title: 'The body is not `application/json`.', listedOn: 'body' },
  uri_too_long: { status: 414, title: 'The URL is longer than the API accepts.', listedOn: 'every' },
  internal: { status: 500, title: 'An unexpected failure; nothing was changed.', listedOn: 'every' },
  rate_limited: { status: 429, title: 'Too many requests from this client or for this account; see Retry-After.', listedOn: 'every' },
  duplicate: { status: 409, title: 'A record with the same unique values exists.', listedOn: 'write' },
  concurrent_change: { status: 409, title: 'Another request changed the same records at once; nothing was saved, try again.', listedOn: 'write' },
  unavailable: { status: 503, title: 'A dependency (PostgreSQL, Redis) is unreachable.' },
  // Answered outside any documented operation (unknown method, bad request line, slow client) or
  // as the fallback for a framework refusal with no code of its own.
  method_not_allowed: { status: 405, title: 'The path exists, the method does not.' },
  headers_too_large: { status: 431, title: 'The request headers are too large.' },
  request_timeout: { status: 408, title: 'The request was not received in time.' },
  conflict: { status: 409, title: 'The request conflicts with the current state.' },
  request_error: { status: 400, title: 'Another refusal of the HTTP layer; the status tells which.' },
});

declare module './error-catalogue' {
  interface ErrorCodes extends CodesOf<typeof COMMON_ERRORS> {}
}
