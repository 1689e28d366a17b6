// Composes the service: config → Neo4j (local or external) → migrations → schema → HTTP; and takes it apart again.
import { readFileSync } from 'node:fs';
import { configureNetworkWork, stopNetworkWork } from './analytics/network-work.js';
import { seedIfEmpty } from './seed-if-empty.js';
import type { Config } from './config.js';
import { buildGraphQLSchema } from './graphql/schema.js';
import { GenerationalCache, RedisResponseCache, type ResponseStore } from './graphql/response-cache.js';
import { Readiness } from './health.js';
import { createApp } from './http/app.js';
import type { Logger } from './logger.js';
import type { Database } from './database/database.js';
import type { SupervisedNeo4j } from './database/neo4j-supervisor.js';
import { hasLiveAdminKey } from './database/api-keys.js';
import { migrate } from './database/migrate.js';
import { openDatabase } from './database/open.js';
import { createOidcVerifier } from './graphql/oidc.js';
import { countedResponseStore } from './metrics/response-cache.js';
import { countRoundTrips, reportLocalNeo4j, reportResponseCache } from './metrics/registry.js';
import { startMetricsServer } from './metrics/server.js';
import { writeLocalAdminToken } from './local-admin-token.js';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface RunningService {
  url: string;
  db: Database;
  /** The local Neo4j this service started and supervises, if it started one. */
  localNeo4j: SupervisedNeo4j | undefined;
  /** Drains requests, closes the driver and stops the local Neo4j; safe to call more than once. */
  stop(): Promise<void>;
}

/** The bootstrap ADMIN_TOKEN is for issuing the first admin key; once one exists, it is a spare master key to retire. */
async function warnOfBootstrapToken(db: Database, log: Logger): Promise<void> {
  try {
    if (await hasLiveAdminKey(db))
      log.warn(
        'ADMIN_TOKEN is set although admin keys exist: unset it, and use an admin key (npm run keys -- create --role admin)',
      );
  } catch (error) {
    log.warn({ err: error }, 'could not check for admin keys');
  }
}

export async function startService(config: Config, log: Logger): Promise<RunningService> {
  const { db, localNeo4j, close } = await openDatabase(config, log);
  let migrated = false;
  try {
    const ran = await migrate(db);
    if (ran.length > 0) log.info({ migrations: ran }, 'applied schema migrations');
    migrated = true;
  } catch (error) {
    // An external Neo4j may be down at start-up; readiness reports it and migrates once it answers.
    log.warn({ err: error }, 'could not apply migrations at start-up; /health/ready will retry');
  }
  if (migrated && config.seedOnEmpty) {
    try {
      await seedIfEmpty(db, log);
    } catch (error) {
      await close();
      throw error;
    }
  }

  if (migrated && config.adminToken) await warnOfBootstrapToken(db, log);

  // On the embedded default with no ADMIN_TOKEN, nobody could authenticate the command lines: a token for this
  // machine's user, in DATA_DIR, lets `npm run seed` and the others send their work here with no configuration.
  const localToken = !config.neo4j && !config.adminToken ? await writeLocalAdminToken(config.dataDir) : undefined;

  // One Redis for every instance when configured; an unreachable one is retried in the background, not fatal.
  const responseCache: ResponseStore = config.redisUrl
    ? await RedisResponseCache.open(config.redisUrl, log)
    : new GenerationalCache();
  const readiness = new Readiness(
    db,
    log,
    () => responseCache.state,
    localNeo4j ? () => localNeo4j.health() : undefined,
  );
  // Communities run on worker threads, as many at once as configured; the threads start with the first request.
  configureNetworkWork(config.analytics);
  const app = await createApp({
    schema: await buildGraphQLSchema(),
    db,
    readiness,
    responseCache: countedResponseStore(responseCache),
    log,
    version: VERSION,
    production: config.env === 'production',
    development: config.env === 'development',
    publicUrl: config.publicUrl,
    adminToken: config.adminToken,
    localAdminToken: localToken?.token,
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustProxy: config.trustProxy,
    adminUploadLimitMb: config.adminUploadLimitMb,
    introspection: config.introspection,
    oidc: config.oidc ? createOidcVerifier(config.oidc, log) : undefined,
    metricsHere: config.metricsPort === undefined,
    redisUrl: config.redisUrl,
  });
  const url = await app.listen({ host: config.host, port: config.port });
  countRoundTrips();
  reportResponseCache(() => responseCache.state);
  reportLocalNeo4j(localNeo4j ? () => localNeo4j.health() : undefined);
  const metricsServer =
    config.metricsPort === undefined ? undefined : await startMetricsServer(config.host, config.metricsPort, log);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const grace = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs);
      try {
        await metricsServer?.close();
        await app.close();
      } finally {
        clearTimeout(grace);
        await stopNetworkWork();
        await localToken?.remove();
        await responseCache.close();
        await close();
      }
    })();
    return stopping;
  };
  return { url, db, localNeo4j, stop };
}
