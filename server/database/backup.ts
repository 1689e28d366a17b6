// Backup of the whole graph as JSON Lines: one node or relationship per line, sorted, so two exports diff cleanly;
// the last line is a checksum of the rest, so a restore can refuse a file that was cut short or changed.
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import neo4j from 'neo4j-driver';
import {
  API_KEY_LABEL,
  CHANGE_LABEL,
  FEED_LABEL,
  IMPORT_LEASE_LABEL,
  MIGRATION_LABEL,
} from '../../schema/migrations.js';
import type { Database } from './database.js';
import { areaScopeRefreshesOf } from './write/area-scope.js';
import type { Writer } from './write/statement.js';
import { topicScopeRefreshesOf } from './write/topic-scope.js';
import { inTransaction, writeSession } from './write/transaction.js';

export const FORMAT = 'partnership-hub-export';
/**
 * Version 2 ends with the checksum line. Version 1 files have none, and held API keys: they are restored only when the
 * admin says they trust the file (`unchecked`), and their keys are left out.
 */
export const FORMAT_VERSION = 2;
const CHUNK = 2_000;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * JSON has one kind of number and Neo4j two. Integers are written as plain numbers; floats that happen to be whole
 * (a target of 2000.0) are marked, so a restore gives back exactly the types it exported.
 */
function encode(value: unknown, type: string): Json {
  if (type.startsWith('FLOAT') && typeof value === 'number' && Number.isInteger(value)) return { $float: value };
  if (type.startsWith('LIST<FLOAT')) return { $floats: value as number[] };
  return value as Json;
}

function decode(value: Json): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' && Number.isInteger(v) ? neo4j.int(v) : v));
  if (value && typeof value === 'object') {
    if ('$float' in value) return Number(value.$float);
    if ('$floats' in value) return (value.$floats as number[]).map(Number);
  }
  return value;
}

function sortedObject(entries: [string, Json][]): Record<string, Json> {
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

const PROPS = `[k IN keys(x) | [k, x[k], valueType(x[k])]]`;

/**
 * Records a backup never holds: the migration records (the database keeps its own), the import lease (a running
 * import's, not the graph's) and API keys, whose hashes would let anyone holding the file try secrets offline, and
 * which a restore must not bring back into a new deployment.
 */
const NOT_EXPORTED = [MIGRATION_LABEL, API_KEY_LABEL, IMPORT_LEASE_LABEL, FEED_LABEL];
const exported = (x: string) => NOT_EXPORTED.map((label) => `NOT ${x}:${label}`).join(' AND ');

/** The checksum line's form: the SHA-256 of every byte before it, and the counts, so a short file is told apart. */
interface Checksum {
  sha256: string;
  nodes: number;
  relationships: number;
}

/** Export lines are gathered up to this many characters before each write to the file. */
const WRITE_AT = 64 * 1024;
/** Reads of the whole graph tried before giving up because writes kept landing in the middle of them. */
const SNAPSHOT_ATTEMPTS = 5;

/** No consistent snapshot: every attempt to read the graph saw a write commit while it read. */
export class SnapshotBusyError extends Error {
  constructor(attempts: number) {
    super(
      `The graph changed while each of ${attempts} attempts read it, so no consistent backup could be taken. Fix: try again when fewer changes are being made.`,
    );
    this.name = 'SnapshotBusyError';
  }
}

export interface ExportOptions {
  /**
   * Called between reading the nodes and reading the relationships, with the attempt's number (from 1): lets a test
   * land a write in the middle of a read, deterministically, to see that the export notices and reads again.
   */
  betweenReads?: (attempt: number) => Promise<void>;
}

/** Every change to the graph records a Change in its own transaction: their count moves with every commit. */
const CHANGES = `RETURN COUNT { (:${CHANGE_LABEL}) } AS changes`;

/**
 * One attempt: reads every node, then every relationship, in one read transaction, writing the lines to `out` as
 * they arrive (the whole graph is never held in memory). Neo4j's transactions read what is committed when each
 * statement runs, not a snapshot, so the audit trail's count is read before and after: every change to the graph
 * records a Change in the same transaction, so equal counts mean no write committed in between, and what was read
 * is one consistent state of the graph. Returns the counts, and whether that held.
 */
async function readOnce(
  db: Database,
  out: WriteStream,
  attempt: number,
  options: ExportOptions,
): Promise<{ nodes: number; relationships: number; consistent: boolean }> {
  const session = db.driver.session({
    database: db.name,
    defaultAccessMode: neo4j.session.READ,
    bookmarkManager: db.driver.executeQueryBookmarkManager,
  });
  const hash = createHash('sha256');
  let pending = '';
  const emit = async (line: string) => {
    pending += `${line}\n`;
    if (pending.length < WRITE_AT) return;
    await write(out, hash, pending);
    pending = '';
  };
  const props = (raw: [string, unknown, string][]) => sortedObject(raw.map(([k, v, t]) => [k, encode(v, t)]));
  const counts = { nodes: 0, relationships: 0 };
  const tx = session.beginTransaction();
  try {
    const before = Number((await tx.run(CHANGES)).records[0]?.get('changes'));
    await emit(JSON.stringify({ format: FORMAT, version: FORMAT_VERSION }));
    for await (const r of tx.run(
      `MATCH (x) WHERE ${exported('x')}
       RETURN labels(x) AS labels, x.id AS id, ${PROPS} AS props ORDER BY labels(x)[0], x.key, x.id`,
    )) {
      counts.nodes += 1;
      await emit(
        JSON.stringify({
          node: (r.get('labels') as string[]).sort(),
          id: r.get('id'),
          properties: props(r.get('props')),
        }),
      );
    }
    await options.betweenReads?.(attempt);
    for await (const r of tx.run(
      `MATCH (a)-[x]->(b) WHERE ${exported('a')} AND ${exported('b')}
       RETURN type(x) AS type, [labels(a)[0], a.id] AS from, [labels(b)[0], b.id] AS to, ${PROPS} AS props ORDER BY type, from[1], to[1]`,
    )) {
      counts.relationships += 1;
      await emit(
        JSON.stringify({ rel: r.get('type'), from: r.get('from'), to: r.get('to'), properties: props(r.get('props')) }),
      );
    }
    const after = Number((await tx.run(CHANGES)).records[0]?.get('changes'));
    await write(out, hash, pending);
    const checksum: Checksum = { sha256: hash.digest('hex'), ...counts };
    await write(out, undefined, `${JSON.stringify({ checksum })}\n`);
    return { ...counts, consistent: before === after };
  } finally {
    await tx.rollback().catch(() => {});
    await session.close();
  }
}

/** Writes to the file, waiting when its buffer is full, and adds the text to the checksum when one is given. */
async function write(out: WriteStream, hash: Hash | undefined, text: string): Promise<void> {
  if (text === '') return;
  hash?.update(text);
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Writes every node (but migration records, the import lease and API keys) and relationship to `file`, readable by
 * its owner only (0600: it holds people's contact details), as one consistent state of the graph even while others
 * write to it (read again if a write landed in the middle); returns the counts. The service's online backup and
 * `npm run export` both write through here, so their files are byte for byte the same for the same data.
 */
export async function exportGraph(
  db: Database,
  file: string,
  options: ExportOptions = {},
): Promise<{ nodes: number; relationships: number }> {
  // Written beside the target and renamed over it: the file is created 0600 whatever was there before, and a
  // reader never sees half an export under the final name.
  const partial = `${file}.${process.pid}.partial`;
  try {
    for (let attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt += 1) {
      const out = createWriteStream(partial, { mode: 0o600, flags: attempt === 1 ? 'wx' : 'w' });
      await once(out, 'open');
      let result: Awaited<ReturnType<typeof readOnce>>;
      try {
        result = await readOnce(db, out, attempt, options);
      } finally {
        out.end();
        await once(out, 'close');
      }
      if (result.consistent) {
        await rename(partial, file);
        return { nodes: result.nodes, relationships: result.relationships };
      }
    }
    throw new SnapshotBusyError(SNAPSHOT_ATTEMPTS);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

export class RestoreError extends Error {}

/** A restore refused because the database holds data already: restoring only ever fills an empty database. */
export class DatabaseNotEmptyError extends RestoreError {}

interface ExportedNode {
  labels: string[];
  id: string;
  properties: Record<string, Json>;
}

interface ExportedRelationship {
  type: string;
  from: [string, string];
  to: [string, string];
  properties: Record<string, Json>;
}

const untouched = 'Fix: restore from an untouched export written by npm run export.';

/**
 * Reads and checks a whole export before anything is written: its header, every line, no API keys, every link's
 * ends present, and the checksum line over all the rest (so a file cut short or edited is refused, however neatly).
 */
async function readExport(
  path: string,
  unchecked: boolean,
  file = path,
): Promise<{ nodes: ExportedNode[]; relationships: ExportedRelationship[]; keysLeftOut: number }> {
  const nodes: ExportedNode[] = [];
  /** A version 1 export, which has no checksum to check and may hold API keys. */
  let legacy = false;
  let keysLeftOut = 0;
  const relationships: ExportedRelationship[] = [];
  const hash = createHash('sha256');
  let line = 0;
  let checksum: Checksum | undefined;
  // A line that is not JSON is damage, unless it is the last: then the file was most likely cut short mid-line.
  let unreadable: number | undefined;
  for await (const text of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    line += 1;
    if (unreadable !== undefined) throw new RestoreError(`${file}, line ${unreadable}: not JSON. ${untouched}`);
    if (checksum) throw new RestoreError(`${file}, line ${line}: more follows the checksum line. ${untouched}`);
    if (text.trim() === '') {
      hash.update(`${text}\n`);
      continue;
    }
    let entry: Record<string, Json>;
    try {
      entry = JSON.parse(text) as Record<string, Json>;
    } catch {
      unreadable = line;
      continue;
    }
    if (entry.checksum && typeof entry.checksum === 'object' && !Array.isArray(entry.checksum)) {
      checksum = entry.checksum as unknown as Checksum;
      continue;
    }
    hash.update(`${text}\n`);
    if (line === 1) {
      if (entry.format === FORMAT && entry.version === 1) {
        if (!unchecked)
          throw new RestoreError(
            `${file} is a version 1 export, written before exports carried a checksum, so nothing can tell whether it was cut short or changed. Fix: if you trust it, restore it with --unchecked (its API keys are left out: create them again with npm run keys).`,
          );
        legacy = true;
        continue;
      }
      if (entry.format !== FORMAT || entry.version !== FORMAT_VERSION)
        throw new RestoreError(
          `${file}: not a Partnership Hub export of version ${FORMAT_VERSION}${entry.format === FORMAT ? ` (it is version ${JSON.stringify(entry.version)}, written before exports carried a checksum)` : ''}. Fix: give a file written by npm run export.`,
        );
      continue;
    }
    if (Array.isArray(entry.node) && typeof entry.id === 'string') {
      if ((entry.node as string[]).includes(API_KEY_LABEL) && legacy) {
        keysLeftOut += 1;
        continue;
      }
      if ((entry.node as string[]).includes(API_KEY_LABEL))
        throw new RestoreError(
          `${file}, line ${line}: an API key record. Exports never hold API keys, so this file was made or changed by hand. Fix: restore from an untouched export, and create keys again with npm run keys.`,
        );
      nodes.push({
        labels: entry.node as string[],
        id: entry.id,
        properties: entry.properties as Record<string, Json>,
      });
    } else if (typeof entry.rel === 'string' && Array.isArray(entry.from) && Array.isArray(entry.to))
      relationships.push({
        type: entry.rel,
        from: entry.from as [string, string],
        to: entry.to as [string, string],
        properties: entry.properties as Record<string, Json>,
      });
    else throw new RestoreError(`${file}, line ${line}: neither a node nor a relationship. ${untouched}`);
  }
  if (line === 0) throw new RestoreError(`${file} is empty. Fix: give a file written by npm run export.`);
  const ids = new Set(nodes.map((n) => n.id));
  const dangling = relationships.find((r) => !ids.has(r.from[1]) || !ids.has(r.to[1]));
  if (dangling)
    throw new RestoreError(`${file}: a ${dangling.type} relationship names a node that is not in the export.`);
  if (legacy) {
    if (unreadable !== undefined) throw new RestoreError(`${file}, line ${unreadable}: not JSON. ${untouched}`);
    if (checksum) throw new RestoreError(`${file}: a version 1 export with a checksum line. ${untouched}`);
    return { nodes, relationships, keysLeftOut };
  }
  if (unreadable !== undefined || !checksum)
    throw new RestoreError(
      `${file} is incomplete: it ends at line ${line} without the checksum line an export ends with, so it was cut short. Fix: restore from a complete export.`,
    );
  if (
    checksum.sha256 !== hash.digest('hex') ||
    checksum.nodes !== nodes.length ||
    checksum.relationships !== relationships.length
  )
    throw new RestoreError(
      `${file} does not match its checksum: it was changed after it was exported. Fix: restore from an untouched export.`,
    );
  return { nodes, relationships, keysLeftOut };
}

/**
 * Loads an export into an empty database in one transaction: a bad line, or a database that already holds data,
 * changes nothing.
 */
export async function restoreGraph(
  db: Database,
  path: string,
  options: { unchecked?: boolean; shownAs?: string } = {},
): Promise<{ nodes: number; relationships: number; keysLeftOut: number }> {
  // Messages name the file as the admin knows it (an upload's name), never where this process keeps a copy.
  const file = options.shownAs ?? path;
  const { nodes, relationships, keysLeftOut } = await readExport(path, options.unchecked === true, file);
  const session = writeSession(db);
  try {
    return await inTransaction(session, async (tx, writer) => {
      // What an export leaves out is not data here either: the keys an admin restores with, the import lease.
      const existing = await tx.run(`MATCH (n) WHERE ${exported('n')} RETURN count(n) AS n`);
      if (Number(existing.records[0]?.get('n')) > 0)
        throw new DatabaseNotEmptyError(
          `The database already holds ${Number(existing.records[0]?.get('n'))} records. Fix: restore into an empty database (a new DATA_DIR, or delete the data first; a service that restores must start with SEED_ON_EMPTY=false, or it seeds the empty database first).`,
        );
      await writeNodes(writer, file, nodes);
      // Links need their ends written first.
      await writer.drain();
      await writeRelationships(writer, file, relationships);
      // The search's scopes are worked out again from the links, not trusted from the file: an export written before a
      // scope existed has none, and a record the search could not find would be as good as lost.
      await writer.drain();
      for (const statement of [...areaScopeRefreshesOf(nodes), ...topicScopeRefreshesOf(nodes)])
        await writer.run(statement);
      return { nodes: nodes.length, relationships: relationships.length, keysLeftOut };
    });
  } finally {
    await session.close();
  }
}

/** Labels and types come from the file and cannot be parameters: each must be a plain name before it is written. */
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const decodeProperties = (properties: Record<string, Json>) =>
  Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, decode(v)]));

/** Creates the export's nodes, one statement per chunk of nodes with the same labels. */
async function writeNodes(writer: Writer, file: string, nodes: readonly ExportedNode[]): Promise<void> {
  const byLabels = new Map<string, ExportedNode[]>();
  for (const node of nodes) {
    if (!node.labels.every((l) => PLAIN_NAME.test(l)))
      throw new RestoreError(`${file}: node ${node.id} has an invalid label.`);
    const key = node.labels.join(':');
    (byLabels.get(key) ?? byLabels.set(key, []).get(key)!).push(node);
  }
  for (const [labels, group] of byLabels) {
    for (let i = 0; i < group.length; i += CHUNK) {
      const part = group.slice(i, i + CHUNK);
      await writer.run({
        cypher: `UNWIND $rows AS row CREATE (n:${labels
          .split(':')
          .map((l) => `\`${l}\``)
          .join(':')}) SET n = row.props`,
        params: { rows: part.map((n) => ({ props: decodeProperties(n.properties) })) },
        rows: part.length,
      });
    }
  }
}

/** Creates the export's relationships between the nodes just written, checking each found both its ends. */
async function writeRelationships(
  writer: Writer,
  file: string,
  relationships: readonly ExportedRelationship[],
): Promise<void> {
  const byType = new Map<string, ExportedRelationship[]>();
  for (const rel of relationships) {
    if (![rel.type, rel.from[0], rel.to[0]].every((name) => PLAIN_NAME.test(name)))
      throw new RestoreError(`${file}: relationship ${rel.type} has a name that is not plain.`);
    const key = `${rel.type}|${rel.from[0]}|${rel.to[0]}`;
    (byType.get(key) ?? byType.set(key, []).get(key)!).push(rel);
  }
  for (const [key, group] of byType) {
    const [type, fromLabel, toLabel] = key.split('|');
    for (let i = 0; i < group.length; i += CHUNK) {
      const part = group.slice(i, i + CHUNK);
      // Matched by label and id, so each end is an index seek.
      await writer.run({
        cypher: `UNWIND $rows AS row MATCH (a:\`${fromLabel}\` {id: row.from}) MATCH (b:\`${toLabel}\` {id: row.to}) CREATE (a)-[r:\`${type}\`]->(b) SET r = row.props RETURN count(r) AS n`,
        params: { rows: part.map((r) => ({ from: r.from[1], to: r.to[1], props: decodeProperties(r.properties) })) },
        rows: part.length,
        onResult: (result) => {
          if (Number(result.records[0]?.get('n')) !== part.length)
            throw new RestoreError(`${file}: a ${type} relationship names a node that is not in the export.`);
        },
      });
    }
  }
}
