// `npm run stop`: stops the PostgreSQL, Redis and maildev that `npm start` leaves running in
// .data/dev (the API and the worker stop with Ctrl-C in the `npm start` terminal).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopServices } from './lib/services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, '.data', 'dev');
const log = (msg) => console.log(`[stop] ${msg}`);

if (!fs.existsSync(path.join(dataDir, 'services.json'))) {
  log('nothing to stop: `npm start` has not run here (no .data/dev/services.json)');
} else {
  try {
    await stopServices({ dataDir, log });
  } catch (err) {
    console.error(`[stop] ${err.message}`);
    process.exit(1);
  }
}
