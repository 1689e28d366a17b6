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
}

answerTasks(({ ms, value, fail, whichThread }: SpinTask) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
  if (fail) throw new Error(fail);
  return whichThread ? `thread ${threadId}` : value;
});
