// The benchmark's child processes (the services under test) and their memory, read from Linux's /proc.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { waitForExit } from '../server/database/local-neo4j.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH_DIR);
/** Long enough for a service starting beside a freshly loaded England graph on a busy machine. */
const START_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 15_000;
/** The line a child prints on stdout once it listens: `BENCH_READY <url>`. */
export const READY = 'BENCH_READY';

export interface RunningChild {
  name: string;
  pid: number;
  url: string;
  /** Stops the child (SIGTERM, then SIGKILL after 15 s); safe to call more than once. */
  stop(): Promise<void>;
}

/** The service's start in production, read from package.json's start script: node's flags and the compiled entry. */
function startScript(): { flags: string[]; entry: string } {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = scripts.start.split(/\s+/).filter((a) => a !== '');
  const entry = args.pop();
  if (command !== 'node' || !entry?.endsWith('.js'))
    throw new Error(`package.json's start script is not "node [flags] <file>.js" but "${scripts.start}".`);
  return { flags: args, entry };
}

/**
 * Node's flags for both services: npm start's (its V8 heap limit), both sides alike; BENCH_NODE_FLAGS replaces them,
 * to see what other flags do to memory and speed.
 */
function nodeFlags(): string[] {
  const given = process.env.BENCH_NODE_FLAGS;
  return given === undefined ? startScript().flags : given.split(/\s+/).filter((f) => f !== '');
}

/**
 * Builds the service into dist/ (`npm run build:server`) unless the build is current, as `npm start`'s prestart
 * checks, so that what is measured is the code in the tree compiled as production runs it.
 */
export function buildService(): void {
  const compile = path.join(ROOT, 'server', 'compile.mjs');
  const check = spawnSync(process.execPath, [compile, '--check'], { cwd: ROOT, encoding: 'utf8' });
  if (check.status === 0) return;
  console.log(`${check.stderr.trim()} Compiling the service into dist/ (npm run build:server).`);
  const built = spawnSync(process.execPath, [compile], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('The service did not compile (npm run build:server): see the errors above.');
}

/**
 * The child stops when its stdin closes, however the benchmark ended (killed, even): loaded before the service's own
 * entry, which has no such lifeline, and its SIGTERM is the service's own clean stop. Worker threads load it too (they
 * inherit node's flags), and a worker's stdin is empty and ends at once: only the main thread may listen, or the
 * first analytics thread would stop the service.
 */
const LIFELINE = `data:text/javascript,${encodeURIComponent(
  'import { isMainThread } from "node:worker_threads";' +
    'if (isMainThread) process.stdin.on("end", () => process.kill(process.pid, "SIGTERM")).resume();',
)}`;

/**
 * Runs the service as `npm start` does in production: plain node over the compiled dist/ (no TypeScript loader, its
 * worker threads from .js), the start script's flags, and the given environment besides PATH (so a developer's own
 * settings cannot change what is measured). Resolves once it answers /health/ready on `port`, since its own ready
 * line is logged at a level the benchmark keeps quiet.
 */
export async function startCompiledService(
  name: string,
  port: number,
  env: Record<string, string>,
): Promise<RunningChild> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawnNode([...nodeFlags(), '--import', LIFELINE, startScript().entry], {
    ...env,
    HOST: '127.0.0.1',
    PORT: String(port),
  });
  return running(name, child, async ({ exited }) => {
    let gone = false;
    void exited.then(() => {
      gone = true;
    });
    // Until it answers, or has exited (then running() says why, with its output).
    while (!gone) {
      const ready = await fetch(`${url}/health/ready`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) return url;
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 250))]);
    }
    return url;
  });
}

/**
 * Runs `node --import tsx <entry>` from bench/ (the baseline) with only the given environment besides PATH, and
 * resolves with the address it prints once it listens. Its stdin stays open as a lifeline: the child stops when it
 * closes, even if this process is killed.
 */
export async function startChild(name: string, entry: string, env: Record<string, string>): Promise<RunningChild> {
  const child = spawnNode([...nodeFlags(), '--import', 'tsx', path.join(BENCH_DIR, entry)], env);
  return running(
    name,
    child,
    ({ onLine }) =>
      new Promise((resolve) => {
        onLine((line) => {
          if (line.startsWith(`${READY} `)) resolve(line.slice(READY.length + 1).trim());
        });
      }),
  );
}

function spawnNode(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

interface StartWatch {
  /** Calls `listener` with each line the child writes on stdout. */
  onLine(listener: (line: string) => void): void;
  /** Settles when the child exits. */
  exited: Promise<void>;
}

/**
 * Waits for a child to be ready (`ready` resolves with its address), failing with the end of its output when it exits
 * first or takes longer than START_TIMEOUT_MS, and stopping it then. Its stdout is read to the end, whatever it
 * writes, so that a full pipe never stalls it.
 */
async function running(
  name: string,
  child: ChildProcess,
  ready: (watch: StartWatch) => Promise<string>,
): Promise<RunningChild> {
  const outputTail: string[] = [];
  const keep = (line: string) => {
    outputTail.push(line);
    if (outputTail.length > 30) outputTail.shift();
  };
  createInterface({ input: child.stderr! }).on('line', keep);
  const stdout = createInterface({ input: child.stdout! });
  stdout.on('line', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const url = await Promise.race([
    ready({ onLine: (listener) => stdout.on('line', listener), exited }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000} s.\n${outputTail.join('\n')}`)),
        START_TIMEOUT_MS,
      );
      child.once('exit', (code) =>
        reject(new Error(`${name} exited during start-up (code ${code}).\n${outputTail.join('\n')}`)),
      );
    }),
  ])
    .finally(() => clearTimeout(timer))
    .catch(async (error: unknown) => {
      await stopChild(child);
      throw error;
    });
  let stopping: Promise<void> | undefined;
  return { name, pid: child.pid!, url, stop: () => (stopping ??= stopChild(child)) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
    child.kill('SIGKILL');
    await waitForExit(child, 5_000);
  }
}

/** Resident memory of a process, in bytes: now (VmRSS) and its peak since it started (VmHWM, which cannot be reset). */
export interface Memory {
  rss: number;
  peak: number;
}

/** Reads /proc/<pid>/status; undefined when the process has gone or this is not Linux. */
export function memoryOf(pid: number): Memory | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kB('VmRSS'), peak: kB('VmHWM') };
}

/**
 * CPU time a process has used so far (user + system), in milliseconds, from /proc/<pid>/stat; undefined when it has
 * gone. Divided by the requests served it gives the work each request costs, a figure that, unlike latency, barely
 * moves when other programs share the machine.
 */
export function cpuMsOf(pid: number): number | undefined {
  const ticks = cpuTicksIn(`/proc/${pid}/stat`);
  return ticks === undefined ? undefined : (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * The CPU milliseconds a JVM's just-in-time compiler threads (HotSpot's C1 and C2) have spent so far, or undefined when
 * the process has gone. A freshly started Neo4j keeps compiling for minutes under load, and that work is counted in its
 * CPU per request: this says how much of it is compilation, which a service running for days no longer does.
 */
export function jitCpuMsOf(pid: number): number | undefined {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const thread of threads) {
    let name: string;
    try {
      name = readFileSync(`/proc/${pid}/task/${thread}/comm`, 'utf8');
    } catch {
      continue; // The thread ended since the listing: HotSpot starts and stops compiler threads as work comes.
    }
    // Linux cuts a thread's name to 15 characters: "C2 CompilerThre".
    if (/^C[12] Compiler/.test(name)) ticks += cpuTicksIn(`/proc/${pid}/task/${thread}/stat`) ?? 0;
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** utime + stime, in clock ticks, from a process's or thread's `stat` file; undefined once it has gone. */
function cpuTicksIn(statFile: string): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(statFile, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces), counted from its closing parenthesis: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Linux's USER_HZ, the unit of /proc's CPU times: 100 on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Samples processes' VmRSS every `everyMs` until stopped, and gives each one's largest sample. */
export function sampleRss(pids: Record<string, number>, everyMs = 100): { stop(): Record<string, number> } {
  const largest: Record<string, number> = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) largest[name] = Math.max(largest[name]!, memoryOf(pid)?.rss ?? 0);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return largest;
    },
  };
}

/** Bytes as megabytes (10^6), rounded, for tables. */
export const mb = (bytes: number | undefined): number | undefined =>
  bytes === undefined || Number.isNaN(bytes) ? undefined : Math.round(bytes / 1e6);
