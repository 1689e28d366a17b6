// Builds (with Maven) and runs the real Neo4j embedded in a small Java launcher, Bolt-only on 127.0.0.1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const LAUNCHER_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'launcher');
const MAIN_CLASS = 'hub.neo4j.LocalNeo4j';
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;

/** Java 17 closes the JDK internals Neo4j's page cache and Netty use; these open exactly those. */
const JVM_OPENS = [
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.invoke=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED',
];

/** A start-up failure with the reason and what the user can do about it. */
export class LocalNeo4jError extends Error {
  constructor(
    readonly reason: 'java-missing' | 'build-failed' | 'port-in-use' | 'store-locked' | 'start-failed' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'LocalNeo4jError';
  }
}

export interface LocalNeo4jOptions {
  /** Folder for the store and Neo4j's own logs; created if missing. */
  home: string;
  port: number;
  heap?: string;
  pageCache?: string;
  /** Fixed password, for tests that restart an instance under a connected driver; otherwise a fresh random one. */
  password?: string;
  /** Called with each line Neo4j writes to stderr, for the caller's logger. */
  onOutput?: (line: string) => void;
  /**
   * How the JVM compiles Neo4j: `full` (tiered, C1 then C2; the default) runs Cypher fastest once warm, for a service;
   * `quick` (C1 only) starts a few seconds sooner and spends less CPU compiling, for short-lived instances in tests.
   */
  jit?: 'full' | 'quick';
  /**
   * Loads APOC core, which only the benchmark's baseline (the standard GraphQL library for Neo4j) calls. Off by
   * default: the service never calls it, and a procedure library that is not loaded cannot be misused.
   */
  apoc?: boolean;
}

export interface RunningNeo4j {
  uri: string;
  username: string;
  password: string;
  port: number;
  pid: number;
  /** Settles when the Java process ends, however it ends: a supervisor's cue that Neo4j died (kill -9, the OOM killer). */
  exited: Promise<LocalNeo4jExit>;
  /** Stops Neo4j cleanly (checkpoint and unlock); kills it if it has not gone within 30 seconds. */
  stop(): Promise<void>;
}

/** How the Java process ended: its exit code, or the signal that ended it. */
export interface LocalNeo4jExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The Java major version on PATH, or undefined when there is none. */
export function javaMajorVersion(): number | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr + result.stdout);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Built when the class is newer than its source and Maven's stamp (a copy of pom.xml it writes after copying
 * the jars and plugins) is newer than pom.xml: Maven copies jars with their original dates and leaves folders
 * alone when nothing is added, so neither says whether the current pom.xml was built.
 */
function launcherIsBuilt(): boolean {
  const target = path.join(LAUNCHER_DIR, 'target');
  const classFile = path.join(target, 'classes', 'hub', 'neo4j', 'LocalNeo4j.class');
  const stamp = path.join(target, 'build-stamp', 'pom.xml');
  if (![classFile, stamp, path.join(target, 'lib'), path.join(target, 'plugins')].every((p) => existsSync(p)))
    return false;
  return (
    statSync(classFile).mtimeMs >= newestMtime(path.join(LAUNCHER_DIR, 'src')) &&
    statSync(stamp).mtimeMs >= statSync(path.join(LAUNCHER_DIR, 'pom.xml')).mtimeMs
  );
}

/** Compiles the launcher and fetches Neo4j's jars from Maven Central unless they are already up to date. */
export function buildLauncher(log: (message: string) => void = () => {}): void {
  const java = javaMajorVersion();
  if (java === undefined || java < 17) {
    throw new LocalNeo4jError(
      'java-missing',
      `The local Neo4j needs Java 17 or newer, but ${java === undefined ? 'no java was found on PATH' : `java ${java} was found`}. ` +
        'Install a Java 17+ runtime and Maven, or set NEO4J_URI (with NEO4J_PASSWORD) to use a Neo4j server or Aura instead.',
    );
  }
  if (launcherIsBuilt()) return;
  log('Building the local Neo4j launcher with Maven (the first run downloads Neo4j, about 120 MB)…');
  const result = spawnSync('mvn', ['-B', '-q', 'package'], { cwd: LAUNCHER_DIR, encoding: 'utf8' });
  if (result.error) {
    throw new LocalNeo4jError(
      'build-failed',
      `Maven could not be run (${result.error.message}). Install Apache Maven, or set NEO4J_URI to use your own Neo4j.`,
    );
  }
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new LocalNeo4jError(
      'build-failed',
      `Maven could not build the local Neo4j launcher. If it could not resolve artifacts, check that Maven Central is reachable ` +
        `(proxy settings in ~/.m2/settings.xml), or set NEO4J_URI to use your own Neo4j.\n${output}`,
    );
  }
}

/**
 * What the JVM may inherit from this process's environment: finding and running Java, the locale and time zone.
 * Everything else stays out: the service's secrets (ADMIN_TOKEN, NEO4J_PASSWORD of a remote server, REDIS_URL,
 * OIDC settings) are no business of the database, and JAVA_TOOL_OPTIONS could load an agent into it.
 */
export const JVM_INHERITED = ['PATH', 'JAVA_HOME', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ'] as const;

/** The jars Neo4j runs from: all of target/lib, less APOC's unless it is wanted. */
function classpath(apoc: boolean): string {
  const lib = path.join(LAUNCHER_DIR, 'target', 'lib');
  const jars = readdirSync(lib)
    .filter((jar) => jar.endsWith('.jar') && (apoc || !jar.startsWith('apoc-')))
    .sort()
    .map((jar) => path.join(lib, jar));
  return [path.join(LAUNCHER_DIR, 'target', 'classes'), ...jars].join(path.delimiter);
}

/** The launcher's whole environment: the allow-listed variables, and its own settings (the classpath among them). */
export function jvmEnvironment(
  options: LocalNeo4jOptions,
  password: string,
  from: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of JVM_INHERITED) {
    const value = from[name];
    if (value !== undefined) env[name] = value;
  }
  return {
    ...env,
    // The classpath in the environment, not on the command line: over two hundred jars are no use in a process list.
    CLASSPATH: classpath(options.apoc === true),
    NEO4J_HOME: options.home,
    NEO4J_BOLT_PORT: String(options.port),
    NEO4J_PASSWORD: password,
    NEO4J_PAGECACHE: options.pageCache ?? '128m',
    ...(from.NEO4J_TX_MEMORY ? { NEO4J_TX_MEMORY: from.NEO4J_TX_MEMORY } : {}),
    NEO4J_APOC: options.apoc === true ? 'true' : 'false',
  };
}

/** Resolves true when nothing listens on 127.0.0.1:port, so a clash can be reported before Java starts. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** Asks the OS for a free loopback port (for tests and throwaway instances). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Whether the child has exited, or does within `timeoutMs`. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Builds if needed, starts Neo4j and resolves once Bolt accepts connections with this run's password. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<RunningNeo4j> {
  buildLauncher(options.onOutput);
  if (!(await portIsFree(options.port))) {
    throw new LocalNeo4jError(
      'port-in-use',
      `Port ${options.port} on 127.0.0.1 is already taken, perhaps by another Neo4j or another copy of this service. ` +
        'Stop it, or choose another port with NEO4J_LOCAL_PORT.',
    );
  }
  // The store holds people's contact details: only this user may enter any folder created for it.
  mkdirSync(options.home, { recursive: true, mode: 0o700 });
  // A new random password each start: nothing to store, nothing to leak, and only this process knows it.
  const password = options.password ?? randomBytes(18).toString('base64url');
  const child = spawn(
    'java',
    [
      `-Xms${options.heap ?? '512m'}`,
      `-Xmx${options.heap ?? '512m'}`,
      // The serial collector: the smallest footprint, and on two cores a parallel one has little to run in parallel.
      '-XX:+UseSerialGC',
      ...(options.jit === 'quick' ? ['-XX:TieredStopAtLevel=1'] : []),
      ...JVM_OPENS,
      MAIN_CLASS,
    ],
    {
      cwd: options.home,
      env: jvmEnvironment(options, password),
      // stdin stays open as a lifeline: the launcher exits when it closes, even if this process is killed.
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );

  const exited = new Promise<LocalNeo4jExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
    options.onOutput?.(line);
  });

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new LocalNeo4jError('timeout', `The local Neo4j did not become ready within ${START_TIMEOUT_MS / 1000} s.`),
        ),
      START_TIMEOUT_MS,
    );
    const settle = (error?: Error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('NEO4J_READY')) settle();
      else if (line.startsWith('NEO4J_FAILED')) settle(failure(line.slice('NEO4J_FAILED '.length), options));
      else options.onOutput?.(line);
    });
    child.once('error', (error) =>
      settle(new LocalNeo4jError('start-failed', `Java could not be started: ${error.message}`)),
    );
    child.once('exit', (code) =>
      settle(
        new LocalNeo4jError(
          'start-failed',
          `The local Neo4j exited during start-up (code ${code}).\n${stderrTail.join('\n')}`,
        ),
      ),
    );
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    })();
    return stopping;
  };

  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    uri: `bolt://127.0.0.1:${options.port}`,
    username: 'neo4j',
    password,
    port: options.port,
    pid: child.pid!,
    exited,
    stop,
  };
}

function failure(line: string, options: LocalNeo4jOptions): LocalNeo4jError {
  const [reason = 'start-failed', ...rest] = line.split(': ');
  const detail = rest.join(': ');
  if (reason === 'port-in-use') {
    return new LocalNeo4jError(
      'port-in-use',
      `Port ${options.port} is already taken (${detail}). Stop the other process or set NEO4J_LOCAL_PORT.`,
    );
  }
  if (reason === 'store-locked') {
    return new LocalNeo4jError(
      'store-locked',
      `The store in ${options.home} is locked by another running Neo4j (${detail}). ` +
        'Stop the other instance (is another `npm start` running?), or use a different DATA_DIR.',
    );
  }
  return new LocalNeo4jError('start-failed', `The local Neo4j failed to start: ${detail}`);
}
