// Readiness: Neo4j answers and every migration is applied; when either stops being true, say why, and recover alone.
// Liveness: false only when the embedded Neo4j died and could not be brought back, so an orchestrator restarts us.
import type { ResponseCacheState } from './graphql/response-cache.js';
import type { LocalNeo4jHealth } from './database/neo4j-supervisor.js';
import type { Logger } from './logger.js';
import type { Database } from './database/database.js';
import { migrate, pendingMigrations } from './database/migrate.js';

export interface ReadinessReport {
  ready: boolean;
  neo4j: 'up' | 'down' | 'restarting' | 'failed';
  migrations: 'applied' | 'pending' | 'unknown';
  /** Reported, never a reason to be unready: without the cache, answers come from Neo4j. */
  responseCache?: ResponseCacheState;
  reason?: string;
}

/**
 * Checks readiness on demand. A database that comes back empty (a restored or replaced store) is migrated
 * again here, so the service turns ready by itself without a restart.
 */
export class Readiness {
  private inFlight: Promise<ReadinessReport> | undefined;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly responseCache?: () => ResponseCacheState,
    /** The embedded Neo4j's supervisor, when the service started one. */
    private readonly localNeo4j?: () => LocalNeo4jHealth,
  ) {}

  /** Live unless the embedded Neo4j is gone for good: restarting the process is then the only remedy left. */
  liveness(): { live: boolean; reason?: string } {
    const local = this.localNeo4j?.();
    return local?.state === 'failed' ? { live: false, reason: local.reason } : { live: true };
  }

  /** Why requests cannot be served right now without asking Neo4j, or undefined when they may try. */
  unavailable(): string | undefined {
    const local = this.localNeo4j?.();
    return local && local.state !== 'up' ? local.reason : undefined;
  }

  async check(): Promise<ReadinessReport> {
    // Concurrent probes share one check, so a burst of probes costs the database one query.
    this.inFlight ??= this.evaluate().finally(() => {
      this.inFlight = undefined;
    });
    const report = await this.inFlight;
    return this.responseCache ? { ...report, responseCache: this.responseCache() } : report;
  }

  private async evaluate(): Promise<ReadinessReport> {
    const local = this.localNeo4j?.();
    if (local && local.state !== 'up')
      return { ready: false, neo4j: local.state, migrations: 'unknown', reason: local.reason };
    let pending: string[];
    try {
      pending = await pendingMigrations(this.db);
    } catch (error) {
      // The driver's message names the database's address and user; the public learns only which check failed.
      this.log.warn({ detail: describe(error) }, 'not ready: Neo4j is not answering');
      return { ready: false, neo4j: 'down', migrations: 'unknown', reason: 'Neo4j is not answering.' };
    }
    if (pending.length === 0) return { ready: true, neo4j: 'up', migrations: 'applied' };
    try {
      const ran = await migrate(this.db);
      this.log.info({ migrations: ran }, 'applied schema migrations');
      return { ready: true, neo4j: 'up', migrations: 'applied' };
    } catch (error) {
      this.log.warn({ migrations: pending, detail: describe(error) }, 'not ready: migrations are not applied');
      return { ready: false, neo4j: 'up', migrations: 'pending', reason: 'Migrations are not applied.' };
    }
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
