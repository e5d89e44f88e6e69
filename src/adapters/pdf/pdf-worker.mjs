// Entry of the PDF worker thread (pdf-worker-pool.ts). Plain JavaScript: a worker thread starts without the
// TypeScript loader of its parent (bin/kaiheisen.mjs registers tsx in the main thread only, and under vitest the
// sources are compiled by vite, which a worker does not have), so it registers tsx itself, as the CLI does.
import { register } from 'tsx/esm/api';

register();
await import('./pdf-render-worker.ts');
