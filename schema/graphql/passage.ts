// Provenance to the words as a GraphQL type: a passage of a source document, its words and where they are.
import { Field, Int, ObjectType } from 'type-graphql';

/** Where a source document's plain page is, and a passage's place on it: /documents/<key>#q-<start>. */
export function documentPath(documentKey: string, start?: number): string {
  return `/documents/${encodeURIComponent(documentKey)}${start === undefined ? '' : `#q-${start}`}`;
}

@ObjectType({
  description: "A passage of a source document: its exact words and where they are in the document's text.",
})
export class Passage {
  @Field(() => String, { description: "The document's words, exactly." })
  quote!: string;

  @Field(() => String, { description: 'The key of the document the passage is from.' })
  document!: string;

  @Field(() => Int, { description: 'The line the passage starts on, from 1.' })
  line!: number;

  @Field(() => Int, {
    description: "Where the passage starts in the document's text (SourceDocument.text), in UTF-16 code units from 0.",
  })
  start!: number;

  @Field(() => Int, { description: "Where the passage ends in the document's text (exclusive)." })
  end!: number;

  @Field(() => String, { description: "The passage marked on its document's plain page: /documents/<key>#q-<start>." })
  url!: string;
}

/** A link's passage as served, or null for a link no document states (reference data, an admin's link). */
export function passageOf(rel: Record<string, unknown>): Passage | null {
  const { quote, document, line, start, end } = rel;
  if (typeof quote !== 'string' || typeof document !== 'string' || typeof start !== 'number') return null;
  return { quote, document, line: Number(line), start, end: Number(end), url: documentPath(document, start) };
}

/** A DOCUMENTED_IN link's passages (parallel lists, in the document's order) as served. */
export function passagesOf(documentKey: string, rel: Record<string, unknown>): Passage[] {
  const quotes = Array.isArray(rel.quotes) ? (rel.quotes as string[]) : [];
  const [lines, starts, ends] = [rel.lines, rel.starts, rel.ends].map((v) => (Array.isArray(v) ? (v as number[]) : []));
  return quotes.map((quote, i) => ({
    quote,
    document: documentKey,
    line: Number(lines![i]),
    start: Number(starts![i]),
    end: Number(ends![i]),
    url: documentPath(documentKey, Number(starts![i])),
  }));
}
