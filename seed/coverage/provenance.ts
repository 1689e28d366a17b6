// Provenance to the words, derived at seed time from the coverage ledgers (the one place each passage is quoted): the
// passages holding each record go on its DOCUMENTED_IN link, the passage stating each link on the link itself.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Label, Rel } from '../../schema/graph.js';
import {
  type GraphBatch,
  ImportValidationError,
  type ImportProblem,
  type RelationshipRecord,
} from '../../schema/records.js';
import { type Ledger, lineOf, lineStarts, locate, PROJECT_DIR, readLedgers } from './passages.js';

/** A passage of a document, placed: its words, its line (from 1) and its offsets in the text (end exclusive). */
export interface Passage {
  quote: string;
  line: number;
  start: number;
  end: number;
}

/** A ledger entry placed in its document: its passage, what it holds, and why, when it only implies its links. */
interface PlacedEntry {
  passage: Passage;
  held: string[];
  inference?: string;
}

const linkId = (r: Pick<RelationshipRecord, 'from' | 'type' | 'to'>) =>
  `${r.from.label}/${r.from.key} ${r.type} ${r.to.label}/${r.to.key}`;

/** `Label/key` of the record a holder names, whether the record itself or one of its properties. */
const recordOf = (holder: string) => holder.replace(/\.[a-zA-Z]+$/, '');

/** Every passage of a ledger that holds something, placed in its document, in the document's order. */
export function placePassages(ledger: Ledger, text: string): PlacedEntry[] | ImportProblem[] {
  const starts = lineStarts(text);
  const placed: PlacedEntry[] = [];
  const problems: ImportProblem[] = [];
  for (const entry of ledger.entries) {
    if (!entry.held?.length) continue;
    const at = locate(entry, text, starts);
    if (typeof at === 'string') {
      problems.push({
        file: ledger.file,
        field: 'quote',
        message: `the quotation "${entry.quote}" ${at} ${ledger.document}`,
        fix: 'copy the words from the document exactly, and give line: when they occur more than once',
      });
      continue;
    }
    const passage = { quote: entry.quote, line: lineOf(starts, at), start: at, end: at + entry.quote.length };
    placed.push({ passage, held: entry.held, ...(entry.inference ? { inference: entry.inference } : {}) });
  }
  if (problems.length > 0) return problems;
  return placed.sort((a, b) => a.passage.start - b.passage.start);
}

/**
 * Gives the batch's records and links from each document that has a ledger their passages, and the document its text.
 * A record keeps every passage that holds it (a programme's description, aims and period come from different
 * sentences); a link keeps the first passage that states it in the document's order, since a link is one statement
 * and the ledgers name each link once. A record of this read that a passage holds but whose data file is another
 * document's gets a DOCUMENTED_IN link to this document too: the passage is where this document says it.
 */
export async function addProvenance(batch: GraphBatch, ledgers?: readonly Ledger[]): Promise<GraphBatch> {
  const documents = batch.nodes.filter(
    (n) => n.label === Label.SourceDocument && typeof n.properties.file === 'string',
  );
  if (documents.length === 0) return batch;
  const all = ledgers ?? (await readLedgers());
  const problems: ImportProblem[] = [];
  const records = new Set(batch.nodes.map((n) => `${n.label}/${n.key}`));
  const links = new Map<string, RelationshipRecord[]>();
  for (const r of batch.relationships) links.set(linkId(r), [...(links.get(linkId(r)) ?? []), r]);

  for (const document of documents) {
    const ledger = all.find((l) => l.document === document.properties.file);
    if (!ledger) continue;
    const text = await readFile(path.join(PROJECT_DIR, ledger.document), 'utf8');
    const placed = placePassages(ledger, text);
    if (placed.some((p) => 'message' in p)) {
      problems.push(...(placed as ImportProblem[]));
      continue;
    }
    document.properties.text = text;
    // Passages that name a record itself; a record the ledger names only as a link's end (an organisation in a list of
    // partners) is held by the passages of those links, as the coverage check counts it.
    const direct = new Map<string, Passage[]>();
    const asEnd = new Map<string, Passage[]>();
    const add = (map: Map<string, Passage[]>, record: string, passage: Passage) => {
      const passages = map.get(record) ?? [];
      if (!passages.some((p) => p.start === passage.start)) passages.push(passage);
      map.set(record, passages);
    };
    for (const { passage, held, inference } of placed as PlacedEntry[]) {
      for (const holder of held) {
        const parts = holder.split(' ');
        if (parts.length !== 3) {
          add(direct, recordOf(holder), passage);
          continue;
        }
        for (const end of [parts[0]!, parts[2]!]) add(asEnd, recordOf(end), passage);
        for (const link of links.get(holder) ?? [])
          if (link.properties.quote === undefined)
            Object.assign(link.properties, {
              ...passage,
              document: document.key,
              ...(inference ? { inferred: true, inference } : {}),
            });
      }
    }
    const byRecord = new Map(direct);
    for (const [record, passages] of asEnd) if (!byRecord.has(record)) byRecord.set(record, passages);
    const to = { label: Label.SourceDocument, key: document.key };
    for (const [record, passages] of byRecord) {
      const [label, key] = [record.slice(0, record.indexOf('/')), record.slice(record.indexOf('/') + 1)];
      const id = `${record} ${Rel.DOCUMENTED_IN} ${Label.SourceDocument}/${document.key}`;
      let documented = links.get(id)?.[0];
      // A record of another file not read with this one keeps the provenance its own file's document gives it.
      if (!documented && !records.has(record)) continue;
      if (!documented) {
        documented = {
          type: Rel.DOCUMENTED_IN,
          from: { label: label as Label, key },
          to,
          properties: {},
          origin: { file: ledger.file },
        };
        batch.relationships.push(documented);
        links.set(id, [documented]);
      }
      Object.assign(documented.properties, {
        quotes: passages.map((p) => p.quote),
        lines: passages.map((p) => p.line),
        starts: passages.map((p) => p.start),
        ends: passages.map((p) => p.end),
      });
    }
  }
  if (problems.length > 0) throw new ImportValidationError(problems);
  return batch;
}
