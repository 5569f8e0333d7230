// Tests and benchmarks run the engine from its TypeScript sources. A worker thread does not
// inherit the test runner's TypeScript loader, so this bootstrap registers tsx in the worker
// and then loads the real entry point. The built engine starts worker-main.js directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
