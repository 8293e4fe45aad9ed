import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Every place that names the Node version agrees on 24 LTS (docs/adr/0018), and `npm test` runs
// on it even where the machine's own Node is older (scripts/lib/node-runtime.mjs).
const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const major = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

describe('Node runtime', () => {
  const pkg = JSON.parse(read('package.json')) as {
    engines: { node: string };
    devDependencies: Record<string, string>;
    allowScripts?: Record<string, boolean>;
  };
  const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string }> };

  it('runs the tests on Node 24 or newer', () => {
    expect(major(process.versions.node)).toBeGreaterThanOrEqual(24);
  });

  it('pins a Node 24 binary from the registry, with its install script allowed', () => {
    expect(major(lock.packages['node_modules/node'].version!)).toBe(24);
    expect(pkg.devDependencies.node).toMatch(/^\^24\./);
    expect(pkg.allowScripts?.node).toBe(true);
  });

  it('names Node 24 in engines, .nvmrc and every stage of the Dockerfile', () => {
    expect(pkg.engines.node).toBe('>=24');
    expect(read('.nvmrc').trim()).toBe('24');
    const images = [...read('Dockerfile').matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(/^node:24-/);
  });
});
