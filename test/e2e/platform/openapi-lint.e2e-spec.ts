import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { RunningApi, startApi } from '../../support/processes';

/**
 * The OpenAPI document is what clients are generated from, so it is linted as they would read it:
 * Redocly's recommended rules, zero errors. The document is the one the API serves.
 */
describe('the OpenAPI document', () => {
  let api: RunningApi;
  beforeAll(async () => { api = await startApi(); });
  afterAll(async () => { await api.stop(); });

  it('passes Redocly\'s recommended lint with no errors', async () => {
    const doc = await (await fetch(`${api.url}/api/docs-json`)).json();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    if (process.env.OPENAPI_DUMP) fs.writeFileSync(process.env.OPENAPI_DUMP, JSON.stringify(doc, null, 2));
    const bin = path.resolve('node_modules/.bin/redocly');
    const { stdout } = await promisify(execFile)(bin, ['lint', file, '--extends=recommended', '--format=json'], {
      maxBuffer: 64 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    fs.rmSync(dir, { recursive: true, force: true });
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }> };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    const warnings = report.problems.filter((p) => p.severity === 'warn');
    process.stdout.write(`redocly lint: ${errors.length} errors, ${warnings.length} warnings\n`);
    expect(errors).toEqual([]);
  });
});
