// The worker pool: work off the caller's event loop, a few at once and a short queue, the rest refused at once with when
// to retry; a task past its time terminated and its thread replaced; a failure reported, the pool going on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PoolBusyError,
  WorkAbandonedError,
  WorkerPool,
  type WorkerPoolOptions,
  WorkFailedError,
  WorkOutOfMemoryError,
  WorkTimeoutError,
  workerStart,
} from '../../../../server/analytics/worker-pool.js';
import type { SpinTask } from './spin-worker.js';

const SPIN = new URL('./spin-worker.js', import.meta.url);
const pools: WorkerPool<SpinTask, string>[] = [];
const poolOf = (options: Partial<WorkerPoolOptions> = {}) => {
  const pool = new WorkerPool<SpinTask, string>({
    entry: SPIN,
    concurrency: 1,
    queue: 0,
    timeoutMs: 30_000,
    name: 'spin',
    ...options,
  });
  pools.push(pool);
  return pool;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Settles with what happened, so a test can look at the order things happened in. */
const outcome = (promise: Promise<string>) =>
  promise.then(
    (value) => ({ value }),
    (error: Error) => ({ error }),
  );

// Starting a thread under tsx compiles its modules, seconds on a busy machine: more than vitest's 5 s default allows.
describe('the worker pool', { timeout: 30_000 }, () => {
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
  });

  it('runs a task on another thread, leaving this event loop free while it runs', async () => {
    const pool = poolOf();
    await pool.run({ ms: 0, value: 'started' }); // the thread is loaded before anything is timed
    const order: string[] = [];
    const heavy = pool.run({ ms: 1_500, value: 'heavy' }).then((value) => order.push(value));
    // Were the work on this thread, this timer could fire only after it: here it fires while the work goes on.
    await new Promise((resolve) => setTimeout(resolve, 20)).then(() => order.push('timer'));
    await heavy;
    expect(order).toEqual(['timer', 'heavy']);
  });

  it('runs as many at once as it may, queues a few, and refuses the rest at once saying when to retry', async () => {
    const pool = poolOf({ concurrency: 1, queue: 1 });
    await pool.run({ ms: 0, value: 'started' });
    const first = outcome(pool.run({ ms: 800, value: 'first' }));
    const second = outcome(pool.run({ ms: 0, value: 'second' }));
    expect(pool.load).toEqual({ running: 1, waiting: 1, preparing: 0 });
    const refused = await outcome(pool.run({ ms: 0, value: 'third' }));
    // Refused while the first still runs: nothing of it waited for a thread.
    expect(pool.load).toEqual({ running: 1, waiting: 1, preparing: 0 });
    expect(refused).toMatchObject({ error: expect.any(PoolBusyError) });
    const busy = (refused as { error: PoolBusyError }).error;
    expect(busy.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(busy).toMatchObject({ running: 1, waiting: 1 });
    expect(await first).toEqual({ value: 'first' });
    expect(await second).toEqual({ value: 'second' });
    // Once they are done there is room again.
    expect(await pool.run({ ms: 0, value: 'fourth' })).toBe('fourth');
  });

  it('counts a place taken before its input is ready against the bound, and frees it when given back', async () => {
    const pool = poolOf({ concurrency: 1, queue: 0 });
    const place = pool.reserve();
    expect(pool.load).toEqual({ running: 0, waiting: 0, preparing: 1 });
    // Refused at once: the caller need not read anything for a task that could not run.
    expect(() => pool.reserve()).toThrow(PoolBusyError);
    place.release();
    expect(pool.load).toEqual({ running: 0, waiting: 0, preparing: 0 });
    const again = pool.reserve();
    expect(await again.run({ ms: 0, value: 'ran' })).toBe('ran');
    again.release(); // nothing more once run
    expect(pool.load).toEqual({ running: 0, waiting: 0, preparing: 0 });
  });

  it('counts tasks waiting for a thread that is still starting against the bound', async () => {
    const pool = poolOf({ concurrency: 1, queue: 0 });
    const first = pool.run({ ms: 0, value: 'first' });
    await expect(pool.run({ ms: 0, value: 'second' })).rejects.toBeInstanceOf(PoolBusyError);
    expect(await first).toBe('first');
  });

  it('terminates a task that runs past its time, and a new thread takes the next task', async () => {
    const pool = poolOf({ timeoutMs: 300 });
    await pool.run({ ms: 0, value: 'started' });
    // Infinity never answers: only terminating its thread ends it.
    const stopped = await outcome(pool.run({ ms: Number.POSITIVE_INFINITY }));
    expect(stopped).toMatchObject({ error: expect.any(WorkTimeoutError) });
    expect((stopped as { error: Error }).error.message).toBe('The task ran longer than 300 ms and was stopped.');
    expect(await pool.run({ ms: 0, value: 'after' })).toBe('after');
  });

  it('stops a running task whose asker has gone, replaces its thread, and goes on', async () => {
    const pool = poolOf({ concurrency: 1, queue: 1 });
    const before = await pool.run({ ms: 0, whichThread: true });
    const gone = new AbortController();
    // Infinity never answers: only terminating its thread ends it, so a result proves the abort stopped it.
    const running = outcome(pool.run({ ms: Number.POSITIVE_INFINITY }, gone.signal));
    await pause(100);
    expect(pool.load.running).toBe(1);
    gone.abort();
    expect(await running).toMatchObject({ error: expect.any(WorkAbandonedError) });
    expect(pool.load).toEqual({ running: 0, waiting: 0, preparing: 0 });
    const after = await pool.run({ ms: 0, whichThread: true });
    expect(after).not.toBe(before);
  });

  it('takes a waiting task whose asker has gone out of the queue, leaving the running one alone', async () => {
    const pool = poolOf({ concurrency: 1, queue: 1 });
    await pool.run({ ms: 0, value: 'started' });
    const first = outcome(pool.run({ ms: 600, value: 'first' }));
    const gone = new AbortController();
    const waiting = outcome(pool.run({ ms: 0, value: 'waiting' }, gone.signal));
    expect(pool.load).toEqual({ running: 1, waiting: 1, preparing: 0 });
    gone.abort();
    expect(await waiting).toMatchObject({ error: expect.any(WorkAbandonedError) });
    expect(pool.load).toEqual({ running: 1, waiting: 0, preparing: 0 });
    expect(await first).toEqual({ value: 'first' });
  });

  it('refuses a task whose asker has already gone without taking a thread, and lets go of a signal once done', async () => {
    const pool = poolOf();
    const gone = new AbortController();
    gone.abort();
    await expect(pool.run({ ms: 0, value: 'never' }, gone.signal)).rejects.toBeInstanceOf(WorkAbandonedError);
    expect(pool.threadCount).toBe(0);
    const still = new AbortController();
    expect(await pool.run({ ms: 0, value: 'done' }, still.signal)).toBe('done');
    // Aborting after the answer changes nothing: the thread that answered stays, with no task to stop.
    const thread = await pool.run({ ms: 0, whichThread: true });
    still.abort();
    expect(await pool.run({ ms: 0, whichThread: true })).toBe(thread);
  });

  it('ends a thread left without a task for idleMs, and starts another for a later task', async () => {
    const pool = poolOf({ idleMs: 300 });
    const first = await pool.run({ ms: 0, whichThread: true });
    // A task that runs longer than idleMs is not cut short: only waiting counts.
    expect(await pool.run({ ms: 600, whichThread: true })).toBe(first);
    expect(pool.threadCount).toBe(1);
    for (let waited = 0; pool.threadCount > 0 && waited < 10_000; waited += 50) await pause(50);
    expect(pool.threadCount).toBe(0);
    const later = await pool.run({ ms: 0, whichThread: true });
    expect(later).toMatch(/^thread \d+$/);
    expect(later).not.toBe(first);
    expect(pool.threadCount).toBe(1);
  });

  it('keeps a thread loaded while tasks come more often than idleMs, however long it has been loaded', async () => {
    const pool = poolOf({ idleMs: 1_000 });
    const first = await pool.run({ ms: 0, whichThread: true });
    for (let i = 0; i < 4; i++) {
      await pause(400);
      expect(await pool.run({ ms: 0, whichThread: true })).toBe(first);
    }
  });

  it('reports a task that fails in its thread, and goes on', async () => {
    const pool = poolOf();
    const failed = await outcome(pool.run({ ms: 0, fail: 'the input was odd' }));
    expect(failed).toMatchObject({ error: expect.any(WorkFailedError) });
    expect((failed as { error: Error }).error.message).toBe('the input was odd');
    expect(await pool.run({ ms: 0, value: 'next' })).toBe('next');
  });

  it('refuses a task that needs more memory than a thread is given, replaces the thread, and goes on', async () => {
    const pool = poolOf({ resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } });
    const first = await pool.run({ ms: 0, whichThread: true });
    const hoarding = await outcome(pool.run({ ms: 0, holdMb: 256 }));
    expect(hoarding).toMatchObject({ error: expect.any(WorkOutOfMemoryError) });
    expect((hoarding as { error: Error }).error.message).toMatch(/more memory than the 64 MB a worker thread is given/);
    // The process is unharmed, a new thread answers, and a task within the limit is answered as before.
    const next = await pool.run({ ms: 0, whichThread: true });
    expect(next).not.toBe(first);
    expect(await pool.run({ ms: 0, holdMb: 8 })).toBe('held 8192');
  });

  it('runs the compiled .js where it is (dist/), else the .ts beside it through the tsx bootstrap', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'worker-start-'));
    try {
      writeFileSync(path.join(dir, 'compiled.js'), '');
      writeFileSync(path.join(dir, 'source.ts'), '');
      const compiled = pathToFileURL(path.join(dir, 'compiled.js'));
      expect(workerStart(compiled)).toEqual({ file: compiled, workerData: {} });
      const source = workerStart(pathToFileURL(path.join(dir, 'source.js')));
      expect(source.file.pathname).toMatch(/\/server\/analytics\/typescript-worker\.mjs$/);
      expect(source.workerData).toEqual({ typescriptEntry: pathToFileURL(path.join(dir, 'source.ts')).href });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses what waits when a worker cannot start, rather than starting threads in a loop', async () => {
    const pool = poolOf({ entry: new URL('./no-such-worker.js', import.meta.url) });
    await expect(pool.run({ ms: 0 })).rejects.toThrow(/no-such-worker\.js is missing/);
  });
});
