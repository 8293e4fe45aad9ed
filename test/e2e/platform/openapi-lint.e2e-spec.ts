import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Document, hasType, operations, requestSchemas, Schema, schemaNodes } from '../../support/openapi-walk';
import { allDeclaredErrors } from '../../support/error-catalogues';
import { RunningApi, startApi } from '../../support/processes';

/**
 * The OpenAPI document is what clients are generated from, so it is linted as they would read it
 * (Redocly's recommended rules, zero errors), and held to the rules a strict client relies on
 * that the linter does not check. The document is the one the API serves.
 */
describe('the OpenAPI document', () => {
  let api: RunningApi;
  let doc: Document;
  beforeAll(async () => {
    api = await startApi();
    doc = (await (await fetch(`${api.url}/api/docs-json`)).json()) as Document;
    if (process.env.OPENAPI_DUMP) fs.writeFileSync(process.env.OPENAPI_DUMP, JSON.stringify(doc, null, 2));
  });
  afterAll(async () => { await api.stop(); });

  it('passes Redocly\'s recommended lint with no errors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const bin = path.resolve('node_modules/.bin/redocly');
    const { stdout } = await promisify(execFile)(bin, ['lint', file, '--extends=recommended', '--format=json'], {
      maxBuffer: 64 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    fs.rmSync(dir, { recursive: true, force: true });
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }> };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    const warnings = report.problems.filter((p) => p.severity === 'warn');
    process.stdout.write(`redocly lint: ${errors.length} errors, ${warnings.length} warnings (${[...new Set(warnings.map((w) => w.ruleId))].join(', ')})\n`);
    expect(errors).toEqual([]);
  });

  it('is OpenAPI 3.1 with a server, and has no 3.0 nullables a strict client would misread', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers?.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const [at, s] of schemaNodes(doc)) {
      if ('nullable' in s) wrong.push(`${at}: nullable (3.0) instead of a null type`);
      if (Array.isArray(s.allOf) && s.allOf.length === 1) wrong.push(`${at}: allOf wrapper around one schema`);
      if (Array.isArray(s.enum) && hasType(s, 'null') && !s.enum.includes(null)) wrong.push(`${at}: nullable enum without null`);
      if (/At$/.test(at.split('/').pop() ?? '') && at.includes('/properties/') && hasType(s, 'string') && s.format !== 'date-time') {
        wrong.push(`${at}: a timestamp without format date-time`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // Inputs named like ids that are not uuids, and why.
  const NOT_UUID_IDS = new Set([
    'GET /api/v1/audit query subjectId', // an audit subject is any kind of key: text, at most 80 characters
  ]);

  it('states the validation of every input: bounded strings, typed numbers, no unknown fields, uuid ids', () => {
    const wrong: string[] = [];
    const bounded = (s: Schema) => ['maxLength', 'enum', 'format', 'pattern', 'const'].some((k) => k in s);
    const checkInput = (at: string, s: Schema, name: string) => {
      if (hasType(s, 'string') && !bounded(s)) wrong.push(`${at}: a string input with no length, pattern, format or enum`);
      if (hasType(s, 'number') && !('minimum' in s || 'maximum' in s)) wrong.push(`${at}: a number input with no range`);
      if (/(^id|Id)$/.test(name) && !NOT_UUID_IDS.has(at) && hasType(s, 'string') && s.format !== 'uuid' && !('pattern' in s)) wrong.push(`${at}: an id input without format uuid`);
    };
    for (const [name, schema] of requestSchemas(doc)) {
      if (schema.type !== 'object' || !schema.properties) continue;
      if (schema.additionalProperties !== false) wrong.push(`${name}: a request body without additionalProperties: false`);
      for (const [prop, s] of Object.entries(schema.properties as Record<string, Schema>)) {
        checkInput(`${name}.${prop}`, s, prop);
        if (s.items && !('$ref' in (s.items as Schema))) checkInput(`${name}.${prop}[]`, s.items as Schema, '');
      }
    }
    for (const op of operations(doc)) {
      for (const p of op.parameters ?? []) if (p.schema) checkInput(`${op.key} ${p.in} ${p.name}`, p.schema, p.name);
    }
    expect(wrong).toEqual([]);
  });

  // Every `number` in the document is a fraction on purpose; anything else that counts is `integer`.
  const FRACTIONS = new Set([
    'ChannelView.commissionPct', 'CreateChannelDto.commissionPct', 'UpdateChannelDto.commissionPct', 'MatchChannelView.commissionPct',
    'AgreementView.commissionPct', 'AgreementDto.commissionPct', 'RuleView.weight', 'RuleView.learnedWeight', 'CreateRuleDto.weight',
    'UpdateRuleDto.weight', 'FactorView.value', 'FactorView.weight', 'FactorView.contribution', 'ChannelMatchView.score',
  ]);

  it('types every whole number as integer', () => {
    const numbers = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
      Object.entries((schema.properties ?? {}) as Record<string, Schema>)
        .filter(([, s]) => hasType(s, 'number') || hasType((s.items ?? {}) as Schema, 'number'))
        .map(([prop]) => `${name}.${prop}`));
    expect(numbers.filter((n) => !FRACTIONS.has(n))).toEqual([]);
  });

  it('lists under every error answer the declared codes it can carry, each of that status', () => {
    const statusOf = new Map(allDeclaredErrors().map((d) => [d.code, d.status]));
    const wrong: string[] = [];
    for (const op of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => s >= '400')) {
        const schema = response.content?.['application/problem+json']?.schema;
        const codes = ((schema?.allOf as Schema[] | undefined) ?? []).map((p) => (p.properties as Record<string, Schema> | undefined)?.code?.enum).find(Array.isArray) as string[] | undefined;
        if (!codes?.length) wrong.push(`${op.key} ${status}: no problem codes listed`);
        for (const code of codes ?? []) if (String(statusOf.get(code)) !== status) wrong.push(`${op.key} ${status}: ${code} is ${statusOf.get(code) ?? 'not declared'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('documents who may call each operation and the HTTP layer\'s own answers', () => {
    const wrong: string[] = [];
    for (const op of operations(doc)) {
      const statuses = Object.keys(op.responses);
      const need = ['414', '500', ...(op.security?.length === 0 ? [] : ['401']), ...(op.parameters?.length ? ['400'] : []),
        ...(op.requestBody ? ['400', '413', '415'] : [])];
      for (const status of need) if (!statuses.includes(status)) wrong.push(`${op.key}: no ${status}`);
      if (op.responses['429'] && !op.responses['429'].headers?.['Retry-After']) wrong.push(`${op.key}: a 429 without Retry-After`);
      for (const status of statuses.filter((s) => s >= '400')) {
        if (!op.responses[status].content?.['application/problem+json']) wrong.push(`${op.key}: ${status} is not problem+json`);
      }
    }
    expect(wrong).toEqual([]);
    // The operations that take no token say so (`security: []`), and no other does.
    expect(operations(doc).filter((op) => op.security?.length === 0).map((op) => op.key).sort()).toEqual([
      'GET /health', 'GET /health/live', 'POST /api/v1/auth/login', 'POST /api/v1/auth/logout',
      'POST /api/v1/auth/password-reset', 'POST /api/v1/auth/password-reset/confirm', 'POST /api/v1/auth/refresh',
      'POST /api/v1/auth/register', 'POST /api/v1/auth/verify-email', 'POST /api/v1/auth/verify-email/resend',
      'POST /api/v1/invitations/accept',
    ]);
  });
});
