// Composes the service: config → Neo4j (local or external) → migrations → schema → HTTP; and takes it apart again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config, Neo4jTarget } from './config.js';
import { buildGraphQLSchema } from './graphql/schema.js';
import { Readiness } from './health.js';
import { createApp } from './http/app.js';
import type { Logger } from './logger.js';
import { connect, type Database } from './neo4j/database.js';
import { startLocalNeo4j, type RunningNeo4j } from './neo4j/local-neo4j.js';
import { migrate } from './neo4j/migrate.js';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface RunningService {
  url: string;
  db: Database;
  /** The local Neo4j this service started, if it started one. */
  localNeo4j: RunningNeo4j | undefined;
  /** Drains requests, closes the driver and stops the local Neo4j; safe to call more than once. */
  stop(): Promise<void>;
}

export async function startService(config: Config, log: Logger): Promise<RunningService> {
  let localNeo4j: RunningNeo4j | undefined;
  let target: Neo4jTarget;
  if (config.neo4j) {
    target = config.neo4j;
    log.info({ uri: target.uri, database: target.database }, 'using the Neo4j named by NEO4J_URI');
  } else {
    const started = Date.now();
    localNeo4j = await startLocalNeo4j({
      home: path.join(config.dataDir, 'neo4j'),
      port: config.local.port,
      heap: config.local.heap,
      pageCache: config.local.pageCache,
      onOutput: (line) => log.debug({ neo4j: line }, 'local neo4j'),
    });
    target = { uri: localNeo4j.uri, username: localNeo4j.username, password: localNeo4j.password, database: config.neo4jDatabase };
    log.info({ uri: localNeo4j.uri, pid: localNeo4j.pid, ms: Date.now() - started }, 'local Neo4j is ready');
  }

  const db = connect(target);
  const readiness = new Readiness(db, log);
  try {
    const ran = await migrate(db);
    if (ran.length > 0) log.info({ migrations: ran }, 'applied schema migrations');
  } catch (error) {
    // An external Neo4j may be down at start-up; readiness reports it and migrates once it answers.
    log.warn({ err: error }, 'could not apply migrations at start-up; /health/ready will retry');
  }

  const app = await createApp({
    schema: await buildGraphQLSchema(),
    db,
    readiness,
    log,
    version: VERSION,
    production: config.env === 'production',
  });
  const url = await app.listen({ host: config.host, port: config.port });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const grace = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs);
      try {
        await app.close();
      } finally {
        clearTimeout(grace);
        await db.close();
        await localNeo4j?.stop();
      }
    })();
    return stopping;
  };
  return { url, db, localNeo4j, stop };
}
