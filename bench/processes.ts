// The benchmark's child processes (the services under test) and their memory, read from Linux's /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { waitForExit } from '../server/database/local-neo4j.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
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

/**
 * Runs `node --import tsx <entry>` from bench/ with only the given environment besides PATH (so a developer's own
 * settings cannot change what is measured), and resolves with the address it prints once it listens.
 * Its stdin stays open as a lifeline: the child stops when it closes, even if this process is killed.
 */
export async function startChild(name: string, entry: string, env: Record<string, string>): Promise<RunningChild> {
  // The services run with npm start's V8 heap limit (package.json), both sides alike; BENCH_NODE_FLAGS replaces it, to see
  // what other flags do to memory and speed.
  const flags = (process.env.BENCH_NODE_FLAGS ?? '--max-old-space-size=192').split(/\s+/).filter((f) => f !== '');
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', path.join(BENCH_DIR, entry)], {
    cwd: path.dirname(BENCH_DIR),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 30) stderrTail.shift();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000} s.\n${stderrTail.join('\n')}`)),
      START_TIMEOUT_MS,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith(`${READY} `)) return;
      clearTimeout(timer);
      resolve(line.slice(READY.length + 1).trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited during start-up (code ${code}).\n${stderrTail.join('\n')}`));
    });
  }).catch(async (error: unknown) => {
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
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces), counted from its closing parenthesis: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
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
