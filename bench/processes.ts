// The benchmark's child processes (the services under test) and their memory, read from Linux's /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const START_TIMEOUT_MS = 120_000;
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
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, entry)], {
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
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000} s.\n${stderrTail.join('\n')}`)), START_TIMEOUT_MS);
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

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (!(await exited(child, STOP_TIMEOUT_MS))) {
    child.kill('SIGKILL');
    await exited(child, 5_000);
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
export const mb = (bytes: number | undefined): number | undefined => (bytes === undefined || Number.isNaN(bytes) ? undefined : Math.round(bytes / 1e6));
