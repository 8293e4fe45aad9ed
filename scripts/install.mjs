// `node scripts/install.mjs` (CI's first step): `npm ci` on Node >= 24, installing that Node from
// the npm registry first when this machine's own is older (scripts/lib/node-runtime.mjs).
import { installDependencies } from './lib/node-runtime.mjs';

try {
  await installDependencies((msg) => console.log(`[install] ${msg}`));
} catch (err) {
  console.error(`[install] ${err.message}`);
  process.exit(1);
}
