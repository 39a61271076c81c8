// Runs the core worker from its TypeScript sources: the app runs the bundled copy, tests the sources.
// (A worker does not inherit tsx's `--import` loader on Node 20, so the loader is registered here.)
import { register } from 'tsx/esm/api';

register();
await import('../../main/host/core-worker.ts');
