// Loads the default seed into a database that holds no partnership data yet, as `npm start` does on first run.
import type { Logger } from './logger.js';
import type { Database } from './database/database.js';
import { importBatch } from './database/import/importer.js';
import { holdsNoGraph } from './database/nodes.js';
import { defaultSources, readSources } from '../seed/sources.js';

/** Returns true when it seeded. A database with any data is left alone: admins' corrections are never overwritten. */
export async function seedIfEmpty(db: Database, log: Logger): Promise<boolean> {
  if (!(await holdsNoGraph(db))) return false;
  const files = await defaultSources();
  log.info({ files }, 'the database is empty: loading the seed data');
  const report = await importBatch(db, await readSources(files), { actor: 'seed on first start', sources: files });
  const created = (counts: object) =>
    Object.values(counts).reduce((sum: number, c: { created: number }) => sum + c.created, 0);
  log.info(
    { nodes: created(report.nodes), relationships: created(report.relationships), ms: report.durationMs },
    'seed data loaded',
  );
  return true;
}
