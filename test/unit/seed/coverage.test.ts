// The coverage ledgers: every line of every seed document is accounted for, and every record they name exists.
import { readdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkCoverage,
  checkLedger,
  formatCoverage,
  indexBatch,
  readLedgers,
  readSeedData,
  unledgeredRecords,
} from '../../../seed/coverage/coverage.js';
import type { GraphBatch } from '../../../schema/records.js';

describe('the coverage ledgers', () => {
  let batch: GraphBatch;
  beforeAll(async () => {
    batch = await readSeedData();
  }, 60_000);

  it('cover every seed document, each line accounted for and each named record present', async () => {
    const documents = (await readdir('seed/documents')).filter((f) => f.endsWith('.txt'));
    const results = await checkCoverage(batch);
    console.log(formatCoverage(results));
    expect(results.map((r) => r.document).sort()).toEqual(documents.map((d) => `seed/documents/${d}`).sort());
    expect(results.flatMap((r) => r.problems)).toEqual([]);
    for (const r of results) expect(r.accountedFor, r.document).toBe(1);
  });

  it('name every record read from a document, so that none states what its document does not', async () => {
    expect(unledgeredRecords(batch, await readLedgers())).toEqual([]);
  });

  it('finds a line no entry quotes, a quotation not in the document and a record that does not exist', () => {
    const text = 'Title\nWe will train 2000 staff.\nAnd talk to everyone.\n';
    const index = indexBatch({
      nodes: [{ label: 'Programme', key: 'p', properties: { name: 'P' }, origin: { file: 'x' } }],
      relationships: [],
    });
    const result = checkLedger(
      {
        file: 'ledger.yaml',
        document: 'doc.txt',
        entries: [
          { quote: 'Title', notModelled: 'a heading' },
          { quote: 'We will train 2000 staff.', held: ['Programme/p.aims', 'Target/t'] },
          { quote: 'We never said this', held: ['Programme/p'] },
        ],
      },
      text,
      index,
    );
    expect(result.problems).toEqual([
      'ledger.yaml: entry "We will train 2000 staff.": the record Programme/p has no aims',
      'ledger.yaml: entry "We will train 2000 staff.": the record Target/t is not in the seed data',
      'ledger.yaml: entry "We never said this" does not occur in doc.txt',
      'doc.txt line 3 is not fully accounted for in ledger.yaml: "And talk to everyone."',
    ]);
    expect(result.accountedFor).toBeCloseTo(25 / 42, 5);
  });

  it('refuses an inference that names a record rather than links read into the passage', () => {
    const index = indexBatch({
      nodes: [{ label: 'Programme', key: 'p', properties: { name: 'P' }, origin: { file: 'x' } }],
      relationships: [],
    });
    const result = checkLedger(
      {
        file: 'ledger.yaml',
        document: 'doc.txt',
        entries: [{ quote: 'Title', held: ['Programme/p'], inference: 'read from the title' }],
      },
      'Title\n',
      index,
    );
    expect(result.problems).toEqual([
      'ledger.yaml: entry "Title" gives an inference, so it must hold links and nothing else',
    ]);
  });

  it('name each link once, so that a link has one passage', async () => {
    const named = new Map<string, number>();
    for (const ledger of await readLedgers())
      for (const entry of ledger.entries)
        for (const holder of entry.held ?? [])
          if (holder.split(' ').length === 3) named.set(holder, (named.get(holder) ?? 0) + 1);
    expect([...named].filter(([, times]) => times > 1)).toEqual([]);
  });

  it('reads one ledger per document', async () => {
    const ledgers = await readLedgers();
    expect(new Set(ledgers.map((l) => l.document)).size).toBe(ledgers.length);
  });
});
