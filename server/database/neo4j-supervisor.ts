// Keeps the embedded Neo4j running: when its Java process dies (kill -9, the OOM killer), starts it again on the same store.
import type { Logger } from 'pino';
import { type LocalNeo4jExit, type LocalNeo4jOptions, type RunningNeo4j, startLocalNeo4j } from './local-neo4j.js';

/** Restart attempts before the supervisor gives up and the service declares itself not live. */
export const DEFAULT_RESTART_ATTEMPTS = 5;

/** The wait before each attempt: one second, doubling, at most thirty, so a crash loop does not spin the CPU. */
export function restartDelayMs(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** (attempt - 1));
}

/**
 * What the service can tell about the embedded database without asking it: `up`, `restarting` after its process
 * died, or `failed` when every attempt to bring it back failed (then only a restart of the whole service helps).
 */
export interface LocalNeo4jHealth {
  state: 'up' | 'restarting' | 'failed';
  /** A sentence for /health and for refused requests; never the password or the store's path. */
  reason?: string;
  /** Restarts that brought it back since the service started. */
  restarts: number;
}

export interface SupervisedNeo4j {
  uri: string;
  username: string;
  password: string;
  port: number;
  /** The current Java process's id (a new one after each restart). */
  readonly pid: number;
  health(): LocalNeo4jHealth;
  /** Stops supervising and stops Neo4j cleanly; safe to call more than once. */
  stop(): Promise<void>;
}

export interface SupervisionOptions {
  attempts?: number;
  log: Logger;
  /** Called after each restart that brought Neo4j back, with how long it was gone. */
  onRestart?: (downMs: number) => void;
}

/** How a death is described: the signal that ended the process, or its exit code. */
function describeExit(exit: LocalNeo4jExit): string {
  return exit.signal ? `was killed (${exit.signal})` : `exited with code ${exit.code}`;
}

/**
 * Starts the embedded Neo4j and watches it. The password is fixed for the service's lifetime and the port stays the
 * same, so the one driver reconnects by itself once a restarted Neo4j has recovered its store from the transaction log.
 */
export async function superviseLocalNeo4j(
  options: LocalNeo4jOptions,
  { attempts = DEFAULT_RESTART_ATTEMPTS, log, onRestart }: SupervisionOptions,
): Promise<SupervisedNeo4j> {
  let running: RunningNeo4j = await startLocalNeo4j(options);
  const password = running.password;
  let health: LocalNeo4jHealth = { state: 'up', restarts: 0 };
  let stopped = false;
  let recovering: Promise<void> | undefined;
  let cancelWait: (() => void) | undefined;

  const restart = async (exit: LocalNeo4jExit): Promise<void> => {
    const diedAt = Date.now();
    const died = `The embedded Neo4j ${describeExit(exit)}`;
    log.error({ pid: running.pid, ...exit }, 'the embedded Neo4j died: restarting it on the same store');
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      health = {
        state: 'restarting',
        reason: `${died} and is being restarted (attempt ${attempt} of ${attempts}).`,
        restarts: health.restarts,
      };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, restartDelayMs(attempt));
        cancelWait = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stopped) return;
      try {
        running = await startLocalNeo4j({ ...options, password });
      } catch (error) {
        log.warn({ attempt, attempts, err: error }, 'the embedded Neo4j could not be restarted');
        continue;
      }
      if (stopped) {
        await running.stop();
        return;
      }
      health = { state: 'up', restarts: health.restarts + 1 };
      log.info({ pid: running.pid, attempt, downMs: Date.now() - diedAt }, 'the embedded Neo4j is running again');
      onRestart?.(Date.now() - diedAt);
      watch();
      return;
    }
    health = {
      state: 'failed',
      reason: `${died} and could not be started again after ${attempts} attempts: restart the service.`,
      restarts: health.restarts,
    };
    log.fatal({ attempts }, 'the embedded Neo4j could not be brought back: /health/live now fails');
  };

  const watch = (): void => {
    const watched = running;
    void watched.exited.then((exit) => {
      // A clean stop is ours; only a death we did not ask for is restarted.
      if (stopped || watched !== running) return;
      recovering = restart(exit).finally(() => {
        recovering = undefined;
      });
    });
  };
  watch();

  return {
    uri: running.uri,
    username: running.username,
    password,
    port: running.port,
    get pid() {
      return running.pid;
    },
    health: () => health,
    stop: async () => {
      stopped = true;
      cancelWait?.();
      await recovering;
      await running.stop();
    },
  };
}
