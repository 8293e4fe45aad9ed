// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the top frames by self time, and the share
// of samples per package (node_modules/<name>, the service's own dist/ code, node internals).
// Usage: node bench/profile-summary.mjs FILE [--top 30]
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const top = process.argv.includes('--top') ? Number(process.argv[process.argv.indexOf('--top') + 1]) : 30;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const counts = new Map();
for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
const total = profile.samples.length;

const where = (url) => {
  if (!url) return '(native/vm)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.includes('/dist/')) return 'service (dist)';
  if (url.startsWith('node:')) return 'node internals';
  return url;
};
const frames = new Map();
const packages = new Map();
for (const [id, n] of counts) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const key = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${lineNumber + 1}` : ''}`;
  frames.set(key, (frames.get(key) ?? 0) + n);
  const pkg = where(url);
  packages.set(pkg, (packages.get(pkg) ?? 0) + n);
}
const pct = (n) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
console.log(`${total} samples over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`);
console.log('\nTop frames by self time:');
for (const [key, n] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(n)}  ${key}`);
console.log('\nBy package:');
for (const [key, n] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${pct(n)}  ${key}`);
