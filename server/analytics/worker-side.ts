// The worker's half of the pool's protocol: each message is one task's input, answered by one reply of plain data.
import { parentPort } from 'node:worker_threads';

/**
 * What a worker sends: that it has loaded and takes tasks (so a task's time limit counts its work, not the thread's
 * start), then for each task its value or why it failed (an Error does not cross threads whole).
 */
export type WorkerReply<Out> = { ready: true } | { ok: true; value: Out } | { ok: false; message: string };

/** Answers every task the pool sends this thread with `work`, one at a time. Does nothing outside a worker thread. */
export function answerTasks<In, Out>(work: (input: In) => Out): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (input: In) => {
    let reply: WorkerReply<Out>;
    try {
      reply = { ok: true, value: work(input) };
    } catch (error) {
      reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies WorkerReply<Out>);
}
