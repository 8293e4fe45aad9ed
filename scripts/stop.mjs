// npm run stop — stops the PostgreSQL, Redis and mail catcher that `npm start` left running.
import { stopServices } from './lib/services.mjs';

process.chdir(new URL('..', import.meta.url).pathname);
await stopServices({ dataDir: '.data/dev', log: (m) => console.log(`[stop] ${m}`) });
