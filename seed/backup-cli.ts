// `npm run export -- <file>` and `npm run restore -- <file>`: the whole graph to a diff-friendly file and back.
import { ConfigError, loadConfig, localAdminTokenFile } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { LocalNeo4jError } from '../server/database/local-neo4j.js';
import { migrate } from '../server/database/migrate.js';
import { openDatabase } from '../server/database/open.js';
import { exportGraph, RestoreError, restoreGraph, SnapshotBusyError } from '../server/database/backup.js';
import { ImportRunningError, withImportLease } from '../server/database/import/lease.js';
import { runCommand } from './run-command.js';
import {
  downloadExport,
  findService,
  ServiceError,
  sentTo,
  serviceSettings,
  uploadRestore,
  WORKING_DIRECTLY,
} from './service-client.js';

const USAGE = `Usage: npm run export -- <file>     write the whole graph to <file> (JSON Lines, sorted, diff-friendly)
       npm run restore -- <file>    load <file> into an empty database, in one transaction
       npm run restore -- <file> --unchecked
                                    the same for an export of version 1, which has no checksum to check

When a service is running (HUB_URL, else http://localhost:PORT; authenticated by ADMIN_KEY, ADMIN_TOKEN or the
local token file in DATA_DIR), the export is its online backup, one consistent snapshot taken while it serves, and
the restore goes into its database (which must be empty). Otherwise works on the database directly: the Neo4j at
NEO4J_URI if set, else the embedded one under DATA_DIR.`;

async function main(): Promise<number> {
  const [command, file, ...flags] = process.argv.slice(2);
  const unchecked = command === 'restore' && flags.length === 1 && flags[0] === '--unchecked';
  if (!file || (command !== 'export' && command !== 'restore') || (flags.length > 0 && !unchecked)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const started = performance.now();
  const report = (counts: { nodes: number; relationships: number; keysLeftOut: number }) => {
    const verb = command === 'export' ? 'Exported' : 'Restored';
    console.log(
      `${verb} ${counts.nodes} nodes and ${counts.relationships} relationships ${command === 'export' ? 'to' : 'from'} ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    if (counts.keysLeftOut > 0)
      console.log(`Left out ${counts.keysLeftOut} API keys the old export held: create keys again with npm run keys.`);
    return 0;
  };
  const service = await findService(serviceSettings(process.env, config.port, localAdminTokenFile(config.dataDir)));
  if (service) {
    console.error(sentTo(service));
    return report(
      command === 'export'
        ? { ...(await downloadExport(service, file)), keysLeftOut: 0 }
        : await uploadRestore(service, file, unchecked),
    );
  }
  console.error(WORKING_DIRECTLY);
  const { db, close } = await openDatabase(config, createLogger(process.env.LOG_LEVEL ?? 'warn'));
  try {
    await migrate(db);
    return report(
      command === 'export'
        ? { ...(await exportGraph(db, file)), keysLeftOut: 0 }
        : // Held like an import's, so no import through a service on the same Neo4j writes while it fills the database.
          await withImportLease(db, `npm run restore (${process.env.USER ?? 'unknown user'})`, () =>
            restoreGraph(db, file, { unchecked }),
          ),
    );
  } finally {
    await close();
  }
}

runCommand(
  main,
  (error) => {
    if (
      error instanceof RestoreError ||
      error instanceof ConfigError ||
      error instanceof LocalNeo4jError ||
      error instanceof ServiceError ||
      error instanceof SnapshotBusyError ||
      error instanceof ImportRunningError
    )
      return `Nothing was changed: ${error.message}`;
    return undefined;
  },
  'Failed, and nothing was changed:',
);
