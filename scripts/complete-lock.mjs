// npm run lock:complete — run after `npm install` changes package-lock.json.
// The registry this project installs from lacks some platform builds of optional dependencies
// (e.g. @msgpackr-extract/*-darwin-arm64 at the version msgpackr-extract asks for), so npm leaves
// them out of the lock file, and `npm ci` then refuses the lock as "not in sync". This adds the
// missing optional entries (no tarball: npm skips an optional package it cannot fetch or that does
// not fit the platform), which is what a lock made against the full registry would contain.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const added = [];
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[top]) continue;
    lock.packages[top] = { version, optional: true };
    added.push(`${name}@${version}`);
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length} optional entries: ${added.join(', ')}` : 'lock file already complete');
