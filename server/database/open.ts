// Opens the database the configuration names: the Neo4j at NEO4J_URI, or else the embedded one under DATA_DIR.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { connect, type Database, type Neo4jTarget } from './database.js';
import { superviseLocalNeo4j, type SupervisedNeo4j } from './neo4j-supervisor.js';

/** What opening the database needs from the configuration; server/config.ts's Config has all of it. */
export interface DatabaseSettings {
  /** An external Neo4j, or undefined to start the local embedded one. */
  neo4j: Neo4jTarget | undefined;
  neo4jDatabase: string;
  dataDir: string;
  /** `restarts`: attempts to bring the embedded Neo4j back after its process dies (NEO4J_LOCAL_RESTARTS). */
  local: { port: number; heap: string; pageCache: string; restarts?: number };
  queryTimeoutMs: number;
}

export interface OpenDatabase {
  db: Database;
  /** The local Neo4j started for this process, if one was, restarted whenever it dies. */
  localNeo4j: SupervisedNeo4j | undefined;
  /** Closes the driver and stops the local Neo4j, if any. */
  close(): Promise<void>;
}

/**
 * DATA_DIR holds the store (people's contact details, API key hashes): created readable by this user only. One
 * that already exists is left as its owner set it, with a warning when others may read it.
 */
export async function prepareDataDir(dataDir: string, log: Logger): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const mode = (await stat(dataDir)).mode & 0o777;
  if ((mode & 0o077) !== 0)
    log.warn(
      { dataDir, mode: mode.toString(8) },
      'DATA_DIR can be read by other users of this machine; restrict it with chmod 700',
    );
}

export async function openDatabase(config: DatabaseSettings, log: Logger): Promise<OpenDatabase> {
  let localNeo4j: SupervisedNeo4j | undefined;
  let target: Neo4jTarget;
  if (config.neo4j) {
    target = config.neo4j;
    log.info({ uri: target.uri, database: target.database }, 'using the Neo4j named by NEO4J_URI');
  } else {
    const started = Date.now();
    await prepareDataDir(config.dataDir, log);
    localNeo4j = await superviseLocalNeo4j(
      {
        home: path.join(config.dataDir, 'neo4j'),
        port: config.local.port,
        heap: config.local.heap,
        pageCache: config.local.pageCache,
        onOutput: (line) => log.debug({ neo4j: line }, 'local neo4j'),
      },
      { log, attempts: config.local.restarts },
    );
    target = {
      uri: localNeo4j.uri,
      username: localNeo4j.username,
      password: localNeo4j.password,
      database: config.neo4jDatabase,
    };
    log.info({ uri: localNeo4j.uri, pid: localNeo4j.pid, ms: Date.now() - started }, 'local Neo4j is ready');
  }
  const db = connect(target, config.queryTimeoutMs);
  return {
    db,
    localNeo4j,
    close: async () => {
      await db.close();
      await localNeo4j?.stop();
    },
  };
}
