// A worker for the pool's tests: holds its thread for as long as it is told, as a heavy computation would, then answers.
import { threadId } from 'node:worker_threads';
import { answerTasks } from '../../../../server/analytics/worker-side.js';

export interface SpinTask {
  /** How long to keep the thread busy; Infinity never answers. */
  ms: number;
  value?: string;
  /** Thrown instead of answering, once the time is up. */
  fail?: string;
  /** Answers with this thread's id instead of `value`, so a test can tell one thread from the next. */
  whichThread?: boolean;
  /** Holds about this many MB of live objects on the thread's heap first, as a computation over a large input would. */
  holdMb?: number;
}

answerTasks(({ ms, value, fail, whichThread, holdMb = 0 }: SpinTask) => {
  // Small arrays of numbers, on the V8 heap (an ArrayBuffer's bytes would be outside it, and outside its limits).
  const held: number[][] = [];
  for (let mb = 0; mb < holdMb; mb++)
    for (let i = 0; i < 1_024; i++) held.push(Array.from({ length: 128 }, (_, j) => i * j + 0.5));
  const until = performance.now() + ms;
  while (performance.now() < until);
  if (fail) throw new Error(fail);
  return whichThread ? `thread ${threadId}` : (value ?? `held ${held.length}`);
});
