// npm run config:docs — prints the configuration table for the README from the env schema
// (run `npm run build` first). A unit test checks the README names every variable.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { envSpec } = require('../dist/src/config/env.schema.js');

console.log('| variable | default | description |');
console.log('| --- | --- | --- |');
for (const [name, spec] of Object.entries(envSpec)) {
  const fallback = spec.default === undefined ? '**required**' : `\`${spec.default === '' ? '""' : spec.default}\``;
  console.log(`| \`${name}\` | ${fallback} | ${spec.desc ?? ''}${spec.choices ? ` One of ${spec.choices.join(', ')}.` : ''} |`);
}
