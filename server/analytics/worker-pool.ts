// A small pool of worker threads for CPU-heavy analyses: a few at once, a short queue, the rest refused at once, and a task past its time stopped.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { WorkerReply } from './worker-side.js';

export interface WorkerPoolOptions {
  /** The worker module, named by its compiled `.js`: under tsx (development, tests) its `.ts` sibling is run instead. */
  entry: URL;
  /** The most tasks that run at once, one worker thread each: each takes a whole core while it runs. */
  concurrency: number;
  /** The most tasks that wait for a worker; past that, a task is refused at once rather than left to wait. */
  queue: number;
  /** The longest a task may run: then its worker is terminated (the only way to stop a busy thread) and replaced. */
  timeoutMs: number;
  /** What the workers do, for thread names and messages. */
  name: string;
  /**
   * How long a thread may wait with no task before it ends, giving back its memory (a V8 isolate with the worker's
   * modules, tens of MB); the next task starts a thread again. Unset, threads stay loaded until the pool closes.
   */
  idleMs?: number;
  /**
   * Each thread's V8 heap (its young and old generations): a task that needs more fails with WorkOutOfMemoryError
   * and its thread is replaced, rather than the process growing without bound. Node's process-wide flags win over
   * these where both are given (npm start's --max-old-space-size and --max-semi-space-size bound every thread too).
   */
  resourceLimits?: Pick<ResourceLimits, 'maxOldGenerationSizeMb' | 'maxYoungGenerationSizeMb'>;
}

/** Every worker is busy and the queue is full: the caller should come back later, in about `retryAfterSeconds`. */
export class PoolBusyError extends Error {
  constructor(
    readonly running: number,
    readonly waiting: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`All ${running} workers are busy and ${waiting} tasks wait: try again in ${retryAfterSeconds} s.`);
    this.name = 'PoolBusyError';
  }
}

/** A task ran past its time and its worker was terminated. */
export class WorkTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The task ran longer than ${timeoutMs} ms and was stopped.`);
    this.name = 'WorkTimeoutError';
  }
}

/**
 * The task needed more memory than a thread is given (the pool's resourceLimits): its thread ended and another took
 * its place. Asking again with the same input would fail the same way.
 */
export class WorkOutOfMemoryError extends Error {
  constructor(readonly limitMb: number | undefined) {
    super(
      `The task needed more memory than the ${limitMb === undefined ? '' : `${limitMb} MB `}a worker thread is given, and was stopped.`,
    );
    this.name = 'WorkOutOfMemoryError';
  }
}

/**
 * Whoever asked for the task has gone (its request's signal aborted): it was taken out of the queue, or its thread
 * terminated and replaced, so that a core is not spent for seconds on an answer nobody will read.
 */
export class WorkAbandonedError extends Error {
  constructor() {
    super('The task was stopped: whoever asked for it has gone.');
    this.name = 'WorkAbandonedError';
  }
}

/** The task failed inside its worker, or the worker itself died while running it. */
export class WorkFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkFailedError';
  }
}

/** A place in the pool taken before the task's input is ready (read from a database, say), so a refusal costs nothing. */
export interface Reservation<In, Out> {
  /** Runs the task in the place taken; only once. When `signal` aborts first, the task stops (WorkAbandonedError). */
  run(input: In, signal?: AbortSignal): Promise<Out>;
  /** Gives the place back unused (the input could not be made); nothing once run. */
  release(): void;
}

interface Task<In, Out> {
  input: In;
  resolve: (value: Out) => void;
  reject: (error: Error) => void;
}

interface Thread<In, Out> {
  worker: Worker;
  /** Loaded and listening: a task handed to a thread still starting would count its start against its time. */
  ready: boolean;
  task?: Task<In, Out>;
  timer?: NodeJS.Timeout;
  startedAt?: number;
  /** Ends the thread when it has waited `idleMs` with no task. */
  idleTimer?: NodeJS.Timeout;
}

/** How long a task is guessed to take before any has finished, for the first refusals' Retry-After. */
const FIRST_GUESS_MS = 1_000;

/** Under tsx the worker is TypeScript, which Node alone cannot load in a thread: a plain bootstrap loads it with tsx. */
const TYPESCRIPT_BOOTSTRAP = new URL('./typescript-worker.mjs', import.meta.url);

/** The file a thread runs: the compiled `.js` where it exists (dist/), else the `.ts` beside this module through tsx. */
export function workerStart(entry: URL): { file: URL; workerData: { typescriptEntry?: string } } {
  if (existsSync(fileURLToPath(entry))) return { file: entry, workerData: {} };
  const typescript = new URL(entry.href.replace(/\.js$/, '.ts'));
  if (!existsSync(fileURLToPath(typescript)))
    throw new Error(
      `The worker module ${fileURLToPath(entry)} is missing (nor is its .ts there): rebuild the service.`,
    );
  return { file: TYPESCRIPT_BOOTSTRAP, workerData: { typescriptEntry: typescript.href } };
}

export class WorkerPool<In, Out> {
  private readonly threads = new Set<Thread<In, Out>>();
  private readonly waiting: Task<In, Out>[] = [];
  /** A moving average of how long tasks took, from which a refusal says when to come back. */
  private typicalMs = FIRST_GUESS_MS;
  private closed = false;
  /** Places taken whose task has not been handed over yet. */
  private preparing = 0;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Tasks running now, waiting for a worker, and places taken for tasks whose input is being made. */
  get load(): { running: number; waiting: number; preparing: number } {
    return {
      running: [...this.threads].filter((t) => t.task).length,
      waiting: this.waiting.length,
      preparing: this.preparing,
    };
  }

  /** Threads started and not yet ended, busy or idle: none once they have all been idle for `idleMs`. */
  get threadCount(): number {
    return this.threads.size;
  }

  /**
   * Takes a place for a task whose input is still to be made; throws PoolBusyError at once when every worker is busy
   * and the queue is full, before any of that work is done.
   */
  reserve(): Reservation<In, Out> {
    if (this.closed) throw new WorkFailedError(`The ${this.options.name} workers have been stopped.`);
    const { running, waiting, preparing } = this.load;
    // Counted together, so that tasks waiting for a thread still starting take the places of running ones.
    if (running + waiting + preparing >= this.options.concurrency + this.options.queue)
      throw new PoolBusyError(running, waiting + preparing, this.retryAfterSeconds());
    this.preparing += 1;
    let held = true;
    const giveBack = () => {
      if (held) this.preparing -= 1;
      held = false;
    };
    return {
      run: (input, signal) => {
        if (!held) return Promise.reject(new Error('This place in the pool has already been used or given back.'));
        giveBack();
        return this.enqueue(input, signal);
      },
      release: giveBack,
    };
  }

  /** Runs `input` in a worker; refuses at once with PoolBusyError when every worker is busy and the queue is full. */
  run(input: In, signal?: AbortSignal): Promise<Out> {
    try {
      return this.reserve().run(input, signal);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private enqueue(input: In, signal: AbortSignal | undefined): Promise<Out> {
    if (this.closed) return Promise.reject(new WorkFailedError(`The ${this.options.name} workers have been stopped.`));
    if (signal?.aborted) return Promise.reject(new WorkAbandonedError());
    return new Promise<Out>((settleWith, failWith) => {
      const abandon = () => this.abandon(task);
      // However the task ends, the signal (which lives as long as its request) lets go of it.
      const task: Task<In, Out> = {
        input,
        resolve: (value) => {
          signal?.removeEventListener('abort', abandon);
          settleWith(value);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', abandon);
          failWith(error);
        },
      };
      signal?.addEventListener('abort', abandon, { once: true });
      this.waiting.push(task);
      try {
        this.dispatch();
      } catch (error) {
        // No thread could be made (its module is missing): this task goes no further.
        this.waiting.splice(this.waiting.indexOf(task), 1);
        task.reject(error as Error);
      }
    });
  }

  /** A task whose asker has gone: out of the queue if it waits there, else its thread is terminated and replaced. */
  private abandon(task: Task<In, Out>): void {
    const waiting = this.waiting.indexOf(task);
    if (waiting >= 0) {
      this.waiting.splice(waiting, 1);
      task.reject(new WorkAbandonedError());
      return;
    }
    const thread = [...this.threads].find((t) => t.task === task);
    if (thread) void this.retire(thread, new WorkAbandonedError()).then(() => this.replace());
  }

  /** Terminates every worker; tasks running or waiting are refused. The pool takes no more work. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0))
      task.reject(new WorkFailedError(`The ${this.options.name} workers are stopping.`));
    await Promise.all([...this.threads].map((thread) => this.retire(thread, new WorkFailedError('Stopping.'))));
  }

  /**
   * When the last in the queue may expect a worker: the tasks ahead of it shared among the workers, at the typical
   * duration, rounded up to whole seconds as Retry-After takes them.
   */
  private retryAfterSeconds(): number {
    const ahead = this.load.running + this.waiting.length + this.preparing;
    const ms = (ahead / this.options.concurrency) * Math.min(this.typicalMs, this.options.timeoutMs);
    return Math.max(1, Math.ceil(ms / 1000));
  }

  /**
   * Hands waiting tasks to idle workers, starting workers up to the concurrency for those still waiting; a worker left
   * with nothing to do starts counting its idle time.
   */
  private dispatch(): void {
    while (this.waiting.length > 0) {
      const thread = [...this.threads].find((t) => t.ready && !t.task);
      if (!thread) break;
      this.start(thread, this.waiting.shift()!);
    }
    const starting = [...this.threads].filter((t) => !t.ready).length;
    for (let i = starting; i < this.waiting.length && this.threads.size < this.options.concurrency; i++) this.spawn();
    for (const thread of this.threads) if (thread.ready && !thread.task) this.idle(thread);
  }

  /**
   * Ends a thread that stays without a task for `idleMs`: a service asked for communities once (a benchmark's warm-up,
   * an analyst's one question) otherwise keeps the thread's memory for the rest of its life.
   */
  private idle(thread: Thread<In, Out>): void {
    const { idleMs } = this.options;
    if (idleMs === undefined || thread.idleTimer) return;
    thread.idleTimer = setTimeout(() => {
      thread.idleTimer = undefined;
      if (!thread.task) void this.retire(thread, new WorkFailedError('Idle.'));
    }, idleMs);
    // Waiting to end a thread must not keep a CLI or a test from ending.
    thread.idleTimer.unref();
  }

  private start(thread: Thread<In, Out>, task: Task<In, Out>): void {
    clearTimeout(thread.idleTimer);
    thread.idleTimer = undefined;
    thread.task = task;
    thread.startedAt = performance.now();
    // A busy worker keeps the process alive until it answers; an idle one does not keep a CLI or a test from ending.
    thread.worker.ref();
    thread.timer = setTimeout(() => {
      void this.retire(thread, new WorkTimeoutError(this.options.timeoutMs)).then(() => this.replace());
    }, this.options.timeoutMs);
    thread.timer.unref();
    thread.worker.postMessage(task.input);
  }

  private spawn(): Thread<In, Out> {
    const { file, workerData } = workerStart(this.options.entry);
    const worker = new Worker(file, {
      workerData,
      name: this.options.name,
      ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
    });
    worker.unref();
    const thread: Thread<In, Out> = { worker, ready: false };
    this.threads.add(thread);
    worker.on('message', (reply: WorkerReply<Out>) => {
      if ('ready' in reply) {
        thread.ready = true;
        return this.dispatch();
      }
      const task = this.finish(thread);
      if (!task) return;
      if (reply.ok) task.resolve(reply.value);
      else task.reject(new WorkFailedError(reply.message));
      this.dispatch();
    });
    // A thread that throws outside a task or runs out of memory ends: its task fails and another thread takes over.
    worker.on('error', (error: Error & { code?: string }) =>
      this.lost(
        thread,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new WorkOutOfMemoryError(this.options.resourceLimits?.maxOldGenerationSizeMb)
          : new WorkFailedError(`A ${this.options.name} worker failed: ${error.message}`),
      ),
    );
    worker.on('exit', () =>
      this.lost(thread, new WorkFailedError(`A ${this.options.name} worker ended unexpectedly.`)),
    );
    return thread;
  }

  /**
   * A thread that died. One that never started (a missing module, say) would fail again at once, so the tasks waiting
   * for it are refused rather than a new thread started in a loop; one that ran tasks is replaced.
   */
  private lost(thread: Thread<In, Out>, why: Error): void {
    if (!this.threads.has(thread)) return;
    const started = thread.ready;
    void this.retire(thread, why).then(() => {
      if (started) return this.replace();
      if ([...this.threads].some((t) => t.ready)) return;
      for (const task of this.waiting.splice(0)) task.reject(why);
    });
  }

  /**
   * Ends a thread's task (returned, if there was one), keeping its duration for the next refusals' estimate unless
   * it was cut short by its asker leaving (`timed` false), which says nothing of how long such a task takes.
   */
  private finish(thread: Thread<In, Out>, timed = true): Task<In, Out> | undefined {
    const task = thread.task;
    clearTimeout(thread.timer);
    if (timed && task && thread.startedAt !== undefined)
      this.typicalMs = 0.7 * this.typicalMs + 0.3 * (performance.now() - thread.startedAt);
    thread.task = undefined;
    thread.timer = undefined;
    thread.startedAt = undefined;
    thread.worker.unref();
    return task;
  }

  /** Takes a thread out of the pool, failing its task with `reason`, and terminates it. */
  private async retire(thread: Thread<In, Out>, reason: Error): Promise<void> {
    if (!this.threads.delete(thread)) return;
    clearTimeout(thread.idleTimer);
    const task = thread.task;
    this.finish(thread, !(reason instanceof WorkAbandonedError));
    // A timed-out task counts at its limit, so refusals meanwhile say to wait as long as such a task may take.
    if (reason instanceof WorkTimeoutError) this.typicalMs = Math.max(this.typicalMs, this.options.timeoutMs);
    task?.reject(reason);
    await thread.worker.terminate();
  }

  /** A new thread in place of one retired, started at once so the next task does not wait for it to load. */
  private replace(): void {
    if (this.closed) return;
    if (this.threads.size < this.options.concurrency) this.spawn();
    this.dispatch();
  }
}
