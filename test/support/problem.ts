import type { Response } from 'supertest';

/** Asserts the RFC 9457 shape every error body must have, and returns the body. */
export function expectProblem(response: Response, status: number, code?: string): Record<string, unknown> {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.body as Record<string, unknown>;
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^urn:clusterlink:problem:/),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      code: expect.any(String),
    }),
  );
  if (code) expect(body.code).toBe(code);
  return body;
}
