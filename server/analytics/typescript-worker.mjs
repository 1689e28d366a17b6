// Starts a TypeScript worker under tsx (development and tests): Node alone cannot load .ts in a thread, and tsx's
// --import hooks do not reach worker threads on Node 20. The compiled build (dist/) runs its .js workers directly.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.typescriptEntry, import.meta.url);
