// Reads the native YAML data files (format in seed/data/README.md) into a GraphBatch, with line numbers for errors.
import { LineCounter, isMap, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { LABELS, Label, Rel, RELS } from '../../schema/graph.js';
import {
  ImportValidationError,
  type GraphBatch,
  type ImportProblem,
  type NodeRef,
  type Properties,
} from '../../schema/records.js';
import { readText } from './text.js';

const RESERVED = new Set(['key', 'ref', 'links']);

export async function readNative(file: string): Promise<GraphBatch> {
  return parseNative(file, await readText(file));
}

/** Parses one native file's text; `file` is only used to say where problems are. */
export function parseNative(file: string, text: string): GraphBatch {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const lineOf = (node: YamlNode | null | undefined): number | undefined =>
    node?.range ? lines.linePos(node.range[0]).line : undefined;
  // With prettyErrors off the errors carry offsets, not lines; the line counter turns them into line and column.
  const problems: ImportProblem[] = doc.errors.map((e) => ({
    file,
    row: lines.linePos(e.pos[0]).line,
    column: lines.linePos(e.pos[0]).col,
    message: `the file is not valid YAML (${e.message.split('\n')[0]})`,
    fix: 'check the indentation and quoting on that line',
  }));
  const batch: GraphBatch = { nodes: [], relationships: [] };
  if (problems.length > 0) throw new ImportValidationError(problems);
  if (!isMap(doc.contents)) {
    throw new ImportValidationError([
      {
        file,
        message: 'the file holds no records',
        fix: 'start with "document:" and lists of records under label names (see seed/data/README.md)',
      },
    ]);
  }

  const top = doc.contents.toJSON() as Record<string, unknown>;
  const demo = top.demo === true;
  const document = top.document as Record<string, unknown> | undefined;
  let documentRef: NodeRef | undefined;
  if (document !== undefined) {
    const row = lineOf(doc.contents.get('document', true) as YamlNode);
    const { key, ...properties } = document;
    if (typeof key !== 'string') {
      problems.push({
        file,
        row,
        field: 'key',
        message: 'the document has no key',
        fix: 'give the document a key, a lower-case slug',
      });
    } else {
      documentRef = { label: Label.SourceDocument, key };
      batch.nodes.push({
        label: Label.SourceDocument,
        key,
        properties: { ...(properties as Properties), ...(demo ? { demo } : {}) },
        origin: { file, row },
      });
    }
  }

  for (const pair of doc.contents.items) {
    const section = String((pair.key as { value?: unknown })?.value ?? pair.key);
    if (section === 'document' || section === 'demo') continue;
    const sectionRow = lineOf(pair.key as YamlNode);
    if (!LABELS.includes(section as Label)) {
      problems.push({
        file,
        row: sectionRow,
        field: section,
        message: `"${section}" is not a kind of record`,
        fix: `use one of ${LABELS.join(', ')}, document or demo`,
      });
      continue;
    }
    const label = section as Label;
    if (!isSeq(pair.value)) {
      problems.push({
        file,
        row: sectionRow,
        field: section,
        message: `${section} is not a list of records`,
        fix: 'put "- key: …" items under it',
      });
      continue;
    }
    for (const item of pair.value.items) {
      const row = lineOf(item as YamlNode);
      const record = (item as YamlNode).toJSON() as Record<string, unknown>;
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        problems.push({
          file,
          row,
          message: `a ${label} entry is not a record`,
          fix: 'write each entry as "- key: …" followed by its properties',
        });
        continue;
      }
      const key = record.key;
      if (typeof key !== 'string' && typeof key !== 'number') {
        problems.push({
          file,
          row,
          field: 'key',
          message: `a ${label} has no key`,
          fix: 'add key: a lower-case slug, or the ODS or GSS code',
        });
        continue;
      }
      const properties: Properties = demo ? { demo: true } : {};
      for (const [name, value] of Object.entries(record)) {
        if (!RESERVED.has(name)) properties[name] = value as Properties[string];
      }
      const self: NodeRef = { label, key: String(key) };
      batch.nodes.push({ label, key: self.key, properties, origin: { file, row } });
      if (documentRef) {
        const ref = typeof record.ref === 'string' ? { ref: record.ref } : {};
        batch.relationships.push({
          type: Rel.DOCUMENTED_IN,
          from: self,
          to: documentRef,
          properties: ref,
          origin: { file, row, field: 'ref' },
        });
      }
      readLinks(record.links, self, { file, row }, batch, problems);
    }
  }
  if (problems.length > 0) throw new ImportValidationError(problems);
  return batch;
}

function parseRef(value: unknown): NodeRef | undefined {
  if (typeof value !== 'string') return undefined;
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) return undefined;
  const label = value.slice(0, slash);
  return LABELS.includes(label as Label) ? { label: label as Label, key: value.slice(slash + 1) } : undefined;
}

function readLinks(
  links: unknown,
  self: NodeRef,
  at: { file: string; row: number | undefined },
  batch: GraphBatch,
  problems: ImportProblem[],
): void {
  if (links === undefined) return;
  if (!Array.isArray(links)) {
    problems.push({
      ...at,
      field: 'links',
      message: 'links is not a list',
      fix: 'write links as "- { rel: PARTNER_IN, to: Programme/<key> }"',
    });
    return;
  }
  for (const link of links as Record<string, unknown>[]) {
    const { rel, to, from, ...properties } = link ?? {};
    if (!RELS.includes(rel as Rel)) {
      problems.push({
        ...at,
        field: 'links',
        message: `link type ${JSON.stringify(rel)} is unknown`,
        fix: `use one of ${RELS.join(', ')}`,
      });
      continue;
    }
    if ((to === undefined) === (from === undefined)) {
      problems.push({
        ...at,
        field: 'links',
        message: `a ${String(rel)} link needs exactly one of "to" and "from"`,
        fix: 'use to: for a link from this record, from: for a link into it',
      });
      continue;
    }
    const other = parseRef(to ?? from);
    if (!other) {
      problems.push({
        ...at,
        field: 'links',
        message: `${JSON.stringify(to ?? from)} does not name a record`,
        fix: 'write the other end as Label/key, such as Area/E09000003',
      });
      continue;
    }
    batch.relationships.push({
      type: rel as Rel,
      from: to !== undefined ? self : other,
      to: to !== undefined ? other : self,
      properties: properties as Properties,
      origin: { ...at, field: 'links' },
    });
  }
}
