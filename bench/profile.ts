// `npm run profile`: runs the Cypher behind the benchmark's heaviest scenarios with PROFILE against the configured
// database (NEO4J_URI, or the embedded one under DATA_DIR: load a graph first with `npm run generate -- --load`),
// and prints each statement's time, database hits and its costliest operators, to see which index or pattern to fix.
import type { ProfiledPlan } from 'neo4j-driver';
import { Label, Rel } from '../schema/graph.js';
import { loadConfig } from '../server/config.js';
import { coverageGaps, networkAround } from '../server/database/network.js';
import { searchDirectory, SEARCHABLE_KINDS } from '../server/database/search.js';
import { createLogger } from '../server/logger.js';
import type { Database } from '../server/database/database.js';
import { openDatabase } from '../server/database/open.js';

/** The operators of a plan, flattened, with their own database hits. */
function operators(plan: ProfiledPlan): { name: string; dbHits: number; rows: number; details: string }[] {
  const own = {
    name: plan.operatorType,
    dbHits: plan.dbHits,
    rows: plan.rows,
    details: String(plan.arguments?.Details ?? '').slice(0, 120),
  };
  return [own, ...plan.children.flatMap(operators)];
}

/** A Database whose every statement runs under PROFILE and is reported. */
function profiled(db: Database, label: string): Database {
  return {
    ...db,
    run: async (cypher, params, mode) => {
      const started = performance.now();
      const result = await db.run(`PROFILE ${cypher}`, params, mode);
      const ms = performance.now() - started;
      const plan = result.summary.profile;
      if (plan) {
        const all = operators(plan);
        const hits = all.reduce((sum, o) => sum + o.dbHits, 0);
        console.log(
          `\n${label}: ${ms.toFixed(0)} ms, ${hits.toLocaleString('en-GB')} db hits, ${result.records.length} rows`,
        );
        for (const o of [...all].sort((a, b) => b.dbHits - a.dbHits).slice(0, 5))
          console.log(
            `  ${o.name.padEnd(28)} ${String(o.dbHits).padStart(12)} hits ${String(o.rows).padStart(9)} rows  ${o.details}`,
          );
      }
      return result;
    },
  };
}

const { db, close } = await openDatabase(loadConfig(), createLogger(process.env.LOG_LEVEL ?? 'warn'));
try {
  const area = process.env.PROFILE_AREA ?? 'gen-borough-1';
  const footprint = process.env.PROFILE_FOOTPRINT ?? 'gen-footprint-1';
  const topic = process.env.PROFILE_TOPIC ?? 'gen-topic-stop-smoking';
  const centre = await db.run(
    `MATCH (p:${Label.Programme})-[:${Rel.PROGRAMME_COVERS}]->(:${Label.Area} {key: $footprint}) RETURN p.id AS id LIMIT 1`,
    { footprint },
  );
  const centreId = centre.records[0]?.get('id') as string | undefined;
  // Each statement runs once unprofiled first, so the report shows warm caches and compiled plans, as under load.
  const scenarios: [string, (d: Database) => Promise<unknown>][] = [
    [
      'search text+topic+area',
      (d) =>
        searchDirectory(d, { text: 'stop smoking', topicKey: topic, areaKey: area, kinds: SEARCHABLE_KINDS }, 0, 20),
    ],
    [
      'search topic+area',
      (d) => searchDirectory(d, { topicKey: topic, areaKey: area, kinds: SEARCHABLE_KINDS }, 0, 20),
    ],
    ['search text only', (d) => searchDirectory(d, { text: 'immunisation', kinds: SEARCHABLE_KINDS }, 0, 20)],
    [
      'network depth 2 around a footprint programme',
      (d) => (centreId ? networkAround(d, centreId, 2) : Promise.resolve()),
    ],
    ['coverage gaps', (d) => coverageGaps(d, footprint, topic)],
  ];
  for (const [label, run] of scenarios) {
    await run(db);
    await run(profiled(db, label));
  }
} finally {
  await close();
}
