// Provenance to the words: every record and link read from the five seed documents carries the passage it comes
// from, and each passage is the document's own words at the position it states (read from the document, not the data).
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GraphBatch, ImportValidationError, type RelationshipRecord } from '../../../schema/records.js';
import { readLedgers, readSeedData } from '../../../seed/coverage/coverage.js';
import { addProvenance } from '../../../seed/coverage/provenance.js';

const DOCUMENT_FILES = [
  'barnet-immunisation-action-plan-2017-18',
  'london-mecc-work-programme-2017-18',
  'nw-london-mecc-roll-out',
  'stp-workforce-development-blog',
  'taking-care-24-7-communication-plan',
];

/** The line (from 1) an offset is on, counted afresh here rather than with the seed's own helper. */
const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('provenance to the words', () => {
  let batch: GraphBatch;
  const texts = new Map<string, string>();
  beforeAll(async () => {
    batch = await readSeedData();
    for (const name of DOCUMENT_FILES) texts.set(name, await readFile(`seed/documents/${name}.txt`, 'utf8'));
  }, 60_000);

  const fromDocuments = (file: string) => DOCUMENT_FILES.some((d) => file.endsWith(`seed/data/${d}.yaml`));

  it('gives each document its text, exactly as its file has it', () => {
    const documents = batch.nodes.filter((n) => n.label === 'SourceDocument' && fromDocuments(n.origin.file));
    expect(documents.map((d) => d.key).sort()).toEqual(DOCUMENT_FILES);
    for (const d of documents) expect(d.properties.text, d.key).toBe(texts.get(d.key));
  });

  it('gives every record of the five documents the passages that hold it, each verbatim where it says', () => {
    const records = batch.nodes.filter(
      (n) => n.label !== 'SourceDocument' && n.properties.demo !== true && fromDocuments(n.origin.file),
    );
    expect(records.length).toBeGreaterThan(150);
    const gaps: string[] = [];
    let passages = 0;
    for (const record of records) {
      const documented = batch.relationships.filter(
        (r) =>
          r.type === 'DOCUMENTED_IN' &&
          r.from.label === record.label &&
          r.from.key === record.key &&
          Array.isArray(r.properties.quotes),
      );
      if (documented.length === 0) gaps.push(`${record.label}/${record.key}`);
      for (const r of documented) {
        const text = texts.get(r.to.key)!;
        const { quotes, lines, starts, ends } = r.properties as Record<string, (string | number)[]>;
        expect(lines!.length, r.to.key).toBe(quotes!.length);
        quotes!.forEach((quote, i) => {
          passages++;
          const where = `${record.label}/${record.key} in ${r.to.key} at ${starts![i]}`;
          expect(text.slice(starts![i] as number, ends![i] as number), where).toBe(quote);
          expect(lineAt(text, starts![i] as number), where).toBe(lines![i]);
        });
      }
    }
    expect(gaps).toEqual([]);
    expect(passages).toBeGreaterThan(records.length);
  });

  it('gives every link of the five documents the passage that states it, verbatim where it says', () => {
    const links = batch.relationships.filter((r) => r.type !== 'DOCUMENTED_IN' && fromDocuments(r.origin.file));
    expect(links.length).toBeGreaterThan(250);
    const gaps = links
      .filter((l) => typeof l.properties.quote !== 'string')
      .map((l) => `${l.from.label}/${l.from.key} ${l.type} ${l.to.label}/${l.to.key}`);
    expect(gaps).toEqual([]);
    for (const link of links) {
      const { quote, document, line, start, end } = link.properties as {
        quote: string;
        document: string;
        line: number;
        start: number;
        end: number;
      };
      const text = texts.get(document);
      const where = `${link.from.key} ${link.type} ${link.to.key}`;
      expect(text, where).toBeDefined();
      expect(text!.slice(start, end), where).toBe(quote);
      expect(lineAt(text!, start), where).toBe(line);
    }
  });

  it('keeps the partnerships a document only implies marked as inferred, with the passage they were read from', () => {
    const fireBrigade = batch.relationships.find(
      (r) => r.type === 'PARTNER_IN' && r.from.key === 'london-fire-brigade',
    )!;
    expect(fireBrigade.properties).toMatchObject({ inferred: true, quote: 'Fire Brigade', line: 32 });
    expect(texts.get('london-mecc-work-programme-2017-18')!.split('\n')[31]).toContain('Fire Brigade');
  });

  const linkName = (r: Pick<RelationshipRecord, 'from' | 'type' | 'to'>) =>
    `${r.from.label}/${r.from.key} ${r.type} ${r.to.label}/${r.to.key}`;
  const documentLinks = () =>
    batch.relationships.filter((r) => r.type !== 'DOCUMENTED_IN' && fromDocuments(r.origin.file));

  /** The links each ledger says are read into their passage rather than stated by it, with the reason. */
  async function inferredInLedgers(): Promise<Map<string, string>> {
    const inferred = new Map<string, string>();
    for (const ledger of await readLedgers())
      for (const entry of ledger.entries)
        if (entry.inference) for (const link of entry.held ?? []) inferred.set(link, entry.inference);
    return inferred;
  }

  it("quotes a stakeholder group's needed engagement from its summary of need, which names each level", () => {
    const needs = documentLinks().filter((r) => r.type === 'NEEDS');
    expect(needs.length).toBeGreaterThan(25);
    const text = texts.get('taking-care-24-7-communication-plan')!;
    for (const need of needs) {
      const quote = String(need.properties.quote);
      expect(quote.toLowerCase(), linkName(need)).toContain(need.to.key);
      // The summary-of-need cell is the line after the group's name in the plan's table.
      const lines = text.split('\n');
      const group = lines[(need.properties.line as number) - 2]?.trim();
      expect(group, linkName(need)).toBe(batch.nodes.find((n) => n.key === need.from.key)?.properties.name);
    }
  });

  it('quotes each topic link from words naming the topic, unless its ledger says the link is read into them', async () => {
    // The words that name each topic in the documents: its name, or the abbreviation the documents use.
    const names: Record<string, RegExp> = {
      immunisation: /immunisation/i,
      'making-every-contact-count': /making every contact count|MECC/i,
      'personalised-care': /personalised care/i,
      'social-prescribing': /social prescribing/i,
      'workplace-health': /workplace health/i,
      'stop-smoking': /smoking/i,
      alcohol: /alcohol/i,
      'healthy-weight': /weight/i,
    };
    const inferred = await inferredInLedgers();
    const unnamed = documentLinks()
      .filter((r) => r.type === 'ABOUT' && !inferred.has(linkName(r)))
      .filter((r) => !(names[r.to.key] ?? /$^/).test(String(r.properties.quote)))
      .map((r) => `${linkName(r)}: "${r.properties.quote}"`);
    expect(unnamed).toEqual([]);
  });

  it('marks as inferred exactly the links its ledger reads into a passage, whatever their type, with its reason', async () => {
    const inferred = await inferredInLedgers();
    const marked = documentLinks().filter((r) => r.properties.inferred === true);
    expect(marked.map(linkName).sort()).toEqual(
      documentLinks()
        .map(linkName)
        .filter((l) => inferred.has(l))
        .sort(),
    );
    // Partnerships and leads among them, and links that could not say so before (a topic, a key area's actions).
    expect(new Set(marked.map((r) => r.type))).toEqual(
      new Set([
        'PARTNER_IN',
        'LED_BY',
        'ABOUT',
        'HAS_ACTION',
        'ROLE_IN',
        'PROGRAMME_COVERS',
        'PROGRAMME_PART_OF',
        'EVENT_OF',
      ]),
    );
    for (const r of marked) expect(r.properties.inference, linkName(r)).toBe(inferred.get(linkName(r)));
  });

  it("gives Barnet's table 2 actions to the key area only as an inference, its cells being blank", async () => {
    const inferred = await inferredInLedgers();
    const text = texts.get('barnet-immunisation-action-plan-2017-18')!.split('\n');
    for (const link of documentLinks().filter((r) => r.type === 'HAS_ACTION' && r.from.key.startsWith('barnet'))) {
      const row = text[(link.properties.line as number) - 1]!;
      if (row.startsWith('Communication, Stakeholder & Community Engagement'))
        expect(link.properties.quote, linkName(link)).toBe(
          'Communication, Stakeholder & Community Engagement (Including Voluntary Sector)',
        );
      else expect(inferred.get(linkName(link)), linkName(link)).toMatch(/Key Area cells are blank/);
    }
  });

  it('refuses a ledger whose quotation is not in its document, naming the ledger and the words', async () => {
    const batch: GraphBatch = {
      nodes: [
        {
          label: 'SourceDocument',
          key: 'nw-london-mecc-roll-out',
          properties: { title: 'T', file: 'seed/documents/nw-london-mecc-roll-out.txt' },
          origin: { file: 'x.yaml' },
        },
      ],
      relationships: [],
    };
    const ledger = {
      file: 'seed/coverage/x.yaml',
      document: 'seed/documents/nw-london-mecc-roll-out.txt',
      entries: [{ quote: 'words the page never says', held: ['Programme/p'] }],
    };
    const error = await addProvenance(batch, [ledger]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportValidationError);
    expect((error as ImportValidationError).problems[0]).toMatchObject({
      file: 'seed/coverage/x.yaml',
      message: expect.stringContaining('"words the page never says" does not occur in'),
    });
  });
});
