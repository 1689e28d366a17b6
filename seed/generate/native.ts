// Writes a generated batch as a native data file (seed/data/README.md), so that `npm run seed -- file` imports it.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { GraphBatch, Properties } from '../../schema/records.js';

const ref = (label: string, key: string) => `${label}/${key}`;

/**
 * The file's lines: `demo: true` at the top (the reader then marks every record), each record one JSON flow mapping
 * with its outgoing links. JSON is valid YAML, and one line per record keeps the reader's row numbers meaningful.
 * Records carry no `document`, since the reader would then link every one of them to it.
 */
export function* nativeLines(batch: GraphBatch, header: readonly string[] = []): Generator<string> {
  const links = new Map<string, Properties[]>();
  for (const rel of batch.relationships) {
    const from = ref(rel.from.label, rel.from.key);
    const link = { rel: rel.type, to: ref(rel.to.label, rel.to.key), ...rel.properties };
    const list = links.get(from);
    if (list) list.push(link as Properties);
    else links.set(from, [link as Properties]);
  }
  for (const line of header) yield `# ${line}`;
  yield 'demo: true';
  // The reader takes one section per label, so records are grouped by label, in the order labels first appear.
  const sections = new Map<string, GraphBatch['nodes']>();
  for (const node of batch.nodes) {
    const list = sections.get(node.label);
    if (list) list.push(node);
    else sections.set(node.label, [node]);
  }
  for (const [label, nodes] of sections) {
    yield `${label}:`;
    for (const node of nodes) {
      const { demo: _demo, ...properties } = node.properties;
      const own = links.get(ref(node.label, node.key));
      yield `  - ${JSON.stringify({ key: node.key, ...properties, ...(own ? { links: own } : {}) })}`;
    }
  }
}

/** Writes the file in chunks of lines, so that a million records never become one string. */
export async function writeNative(batch: GraphBatch, file: string, header: readonly string[] = []): Promise<void> {
  function* chunks(): Generator<string> {
    let chunk: string[] = [];
    for (const line of nativeLines(batch, header)) {
      chunk.push(line);
      if (chunk.length === 2_000) {
        yield `${chunk.join('\n')}\n`;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield `${chunk.join('\n')}\n`;
  }
  await pipeline(Readable.from(chunks()), createWriteStream(file));
}
