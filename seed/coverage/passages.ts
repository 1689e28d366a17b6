// Where a ledger's quotations are in their document: the one reading of a ledger entry's position, shared by the
// coverage check and the provenance the seed gives records and links.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const COVERAGE_DIR = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_DIR = path.resolve(COVERAGE_DIR, '..', '..');

/** One passage of a document: where it is, its exact words, and what holds it (or why nothing does). */
export interface LedgerEntry {
  /** The 1-based line the quotation is on; needed when the words occur more than once in the document. */
  line?: number;
  quote: string;
  /** `Label/key`, `Label/key.property` or `Label/key REL Label/key` (a link, written in its stored direction). */
  held?: string[];
  /** Why the passage is deliberately not in the graph. */
  notModelled?: string;
  /**
   * Set when the passage does not state the links this entry holds but they are read from it: why. The passage is
   * still where each link is read from, so it stays the link's provenance; a link type that declares `inferred` must
   * say so in the data too.
   */
  inference?: string;
}

export interface Ledger {
  /** The ledger's own file, for messages. */
  file: string;
  /** The document, relative to the project. */
  document: string;
  entries: LedgerEntry[];
}

/** Reads every ledger (`*.yaml`) in the coverage folder. */
export async function readLedgers(dir = COVERAGE_DIR): Promise<Ledger[]> {
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  return Promise.all(
    files.map(async (f) => {
      const file = path.join(dir, f);
      const data = parse(await readFile(file, 'utf8')) as { document: string; entries: LedgerEntry[] };
      return { file: path.relative(PROJECT_DIR, file), document: data.document, entries: data.entries ?? [] };
    }),
  );
}

/** Where each line starts, so that an entry's line number can be turned into an offset. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** The 1-based line an offset is on. */
export function lineOf(starts: readonly number[], offset: number): number {
  let line = starts.findIndex((s) => s > offset);
  line = line < 0 ? starts.length : line;
  return line;
}

function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

/**
 * Where an entry's quotation starts in the text: on its line when it gives one, else its only occurrence. A string is
 * the reason it cannot be placed (not on that line, not in the document, or ambiguous without a line).
 */
export function locate(entry: LedgerEntry, text: string, starts: readonly number[]): number | string {
  if (entry.line !== undefined) {
    const lineStart = starts[entry.line - 1];
    const lineEnd = starts[entry.line] ?? text.length;
    const found = lineStart === undefined ? -1 : text.indexOf(entry.quote, lineStart);
    return found >= 0 && found < lineEnd ? found : 'is not on that line of';
  }
  const found = occurrences(text, entry.quote);
  if (found.length === 1) return found[0]!;
  return found.length === 0 ? 'does not occur in' : `occurs ${found.length} times in`;
}
