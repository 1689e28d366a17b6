// Coverage ledgers: every statement of a seed document mapped to the records that hold it, or marked not modelled.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GraphBatch } from '../../schema/records.js';
import { DATA_DIR, readSources } from '../sources.js';
import { type Ledger, type LedgerEntry, lineOf, lineStarts, locate, PROJECT_DIR, readLedgers } from './passages.js';

export { COVERAGE_DIR, type Ledger, type LedgerEntry, readLedgers } from './passages.js';

const SIGNIFICANT = /[\p{L}\p{N}]/u;
const ENTRY_FIELDS = new Set(['line', 'quote', 'held', 'notModelled', 'inference']);

export interface DocumentCoverage {
  document: string;
  ledger: string;
  entries: number;
  modelled: number;
  notModelled: number;
  /** Letters and digits of the document that some entry quotes, out of all of them. */
  accountedFor: number;
  /** Letters and digits quoted by entries that name records, out of all of them. */
  modelledShare: number;
  /** What is wrong: passages no entry quotes, quotations not found, holders that do not exist. */
  problems: string[];
}

/** The records and links of a batch, indexed so that a ledger's holders can be looked up. */
export function indexBatch(batch: GraphBatch) {
  const nodes = new Map(batch.nodes.map((n) => [`${n.label}/${n.key}`, n.properties]));
  const links = new Set(
    batch.relationships.map((r) => `${r.from.label}/${r.from.key} ${r.type} ${r.to.label}/${r.to.key}`),
  );
  return { nodes, links };
}

export type BatchIndex = ReturnType<typeof indexBatch>;

/** Why a holder does not name something in the seed data, or undefined when it does. */
export function missingHolder(holder: string, index: BatchIndex): string | undefined {
  const parts = holder.split(' ');
  if (parts.length === 3) {
    return index.links.has(holder) ? undefined : `the link ${holder} is not in the seed data`;
  }
  const [record, property] = holder.split(/\.(?=[a-zA-Z]+$)/);
  const properties = index.nodes.get(record ?? '');
  if (!properties) return `the record ${record} is not in the seed data`;
  if (property === undefined) return undefined;
  const value = properties[property];
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0))
    return `the record ${record} has no ${property}`;
  return undefined;
}

/** Checks one ledger against its document's text and the seed data, and measures how much of the text it covers. */
export function checkLedger(ledger: Ledger, text: string, index: BatchIndex): DocumentCoverage {
  const problems: string[] = [];
  const starts = lineStarts(text);
  const covered = new Uint8Array(text.length);
  const modelledChars = new Uint8Array(text.length);
  const where = (entry: LedgerEntry) =>
    `${ledger.file}: entry "${entry.quote}"${entry.line ? ` (line ${entry.line})` : ''}`;

  for (const entry of ledger.entries) {
    if (typeof entry.quote !== 'string' || entry.quote.trim() === '') {
      problems.push(`${ledger.file}: an entry has no quote`);
      continue;
    }
    // A plain YAML scalar ends at a comma inside { }, leaving the rest of a quotation as a stray field.
    const stray = Object.keys(entry).filter((k) => !ENTRY_FIELDS.has(k));
    if (stray.length > 0)
      problems.push(`${where(entry)} has unknown field(s) ${stray.join(', ')}: put the quotation in double quotes`);
    const held = entry.held ?? [];
    if (held.length === 0 && !entry.notModelled)
      problems.push(`${where(entry)} names no record and gives no reason for not modelling it`);
    // An inference is about links only: a record or property a passage does not state has no place in the graph.
    if (entry.inference !== undefined && (held.length === 0 || held.some((h) => h.split(' ').length !== 3)))
      problems.push(`${where(entry)} gives an inference, so it must hold links and nothing else`);
    for (const holder of held) {
      const missing = missingHolder(holder, index);
      if (missing) problems.push(`${where(entry)}: ${missing}`);
    }
    const at = locate(entry, text, starts);
    if (typeof at === 'string') {
      problems.push(
        at.startsWith('occurs')
          ? `${where(entry)} ${at} ${ledger.document}: give its line`
          : `${where(entry)} ${at} ${ledger.document}`,
      );
      continue;
    }
    covered.fill(1, at, at + entry.quote.length);
    if (held.length > 0) modelledChars.fill(1, at, at + entry.quote.length);
  }

  let significant = 0;
  let accounted = 0;
  let modelled = 0;
  const gaps = new Map<number, string>();
  for (let i = 0; i < text.length; i++) {
    if (!SIGNIFICANT.test(text[i] ?? '')) continue;
    significant++;
    if (modelledChars[i]) modelled++;
    if (covered[i]) {
      accounted++;
      continue;
    }
    const line = lineOf(starts, i);
    gaps.set(line, (gaps.get(line) ?? '') + (text[i] ?? ''));
  }
  for (const [line, _] of gaps) {
    const words = (text.slice(starts[line - 1], starts[line] ?? text.length) ?? '').trim();
    problems.push(`${ledger.document} line ${line} is not fully accounted for in ${ledger.file}: "${words}"`);
  }

  const modelledEntries = ledger.entries.filter((e) => (e.held ?? []).length > 0).length;
  return {
    document: ledger.document,
    ledger: ledger.file,
    entries: ledger.entries.length,
    modelled: modelledEntries,
    notModelled: ledger.entries.length - modelledEntries,
    accountedFor: significant === 0 ? 1 : accounted / significant,
    modelledShare: significant === 0 ? 1 : modelled / significant,
    problems,
  };
}

/**
 * The seed documents' knowledge as the ledgers see it: the native data files only, since the documents name no
 * record of the reference data (their links to areas and NHS bodies are in the data files themselves).
 */
export async function readSeedData(): Promise<GraphBatch> {
  const files = (await readdir(DATA_DIR)).filter((f) => /\.ya?ml$/.test(f)).sort();
  return readSources(files.map((f) => path.join(DATA_DIR, f)));
}

/** Checks every ledger against its document, reading the documents from the project. */
export async function checkCoverage(batch: GraphBatch, ledgers?: Ledger[]): Promise<DocumentCoverage[]> {
  const index = indexBatch(batch);
  return Promise.all(
    (ledgers ?? (await readLedgers())).map(async (ledger) =>
      checkLedger(ledger, await readFile(path.join(PROJECT_DIR, ledger.document), 'utf8'), index),
    ),
  );
}

/**
 * Records read from the documents' data files that no ledger entry names: a record no passage holds is a statement
 * its document does not make. Demo records and the documents themselves are exempt.
 */
export function unledgeredRecords(batch: GraphBatch, ledgers: readonly Ledger[]): string[] {
  const named = new Set<string>();
  for (const ledger of ledgers)
    for (const entry of ledger.entries)
      for (const holder of entry.held ?? [])
        for (const part of holder.split(' ')) if (part.includes('/')) named.add(part.replace(/\.[a-zA-Z]+$/, ''));
  return batch.nodes
    .filter((n) => n.properties.demo !== true && n.label !== 'SourceDocument' && !named.has(`${n.label}/${n.key}`))
    .map((n) => `${n.origin.file} row ${n.origin.row ?? '?'}: ${n.label}/${n.key} is in no ledger entry`);
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** A table of coverage per document, then every problem. */
export function formatCoverage(results: readonly DocumentCoverage[]): string {
  const width = Math.max(8, ...results.map((r) => r.document.length));
  const rows = results.map(
    (r) =>
      `${r.document.padEnd(width)}  ${String(r.entries).padStart(7)}  ${String(r.modelled).padStart(8)}  ${String(r.notModelled).padStart(12)}  ${percent(r.accountedFor).padStart(14)}  ${percent(r.modelledShare).padStart(8)}`,
  );
  const problems = results.flatMap((r) => r.problems);
  return [
    `${'document'.padEnd(width)}  entries  modelled  not modelled  accounted for  modelled`,
    ...rows,
    '',
    problems.length === 0
      ? 'Every line of every document is accounted for, and every record the ledgers name exists.'
      : `${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`,
  ].join('\n');
}
