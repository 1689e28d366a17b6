// A document the graph's knowledge was read from; every record says which, and where in it, down to the words.
import { concept, type PropertySpecs } from '../define.js';

/**
 * The passage of its document a link was read from, on every link a document can state (all but DOCUMENTED_IN).
 * Filled at seed time from the document's coverage ledger (seed/coverage/), never written by hand. Positions count the
 * document's text as SourceDocument.text holds it: UTF-16 code units from 0, `end` exclusive, lines from 1.
 */
export const LINK_QUOTATION: PropertySpecs = {
  quote: { type: 'text', description: "The document's words this link was read from, exactly." },
  document: { type: 'string', description: 'The key of the document the quotation is from.' },
  line: { type: 'integer', description: 'The line of the document the quotation starts on, from 1.' },
  start: { type: 'integer', description: "Where the quotation starts in the document's text (from 0)." },
  end: { type: 'integer', description: "Where the quotation ends in the document's text (exclusive)." },
};

/** Whether the quotation states the link or the link was read into it, and why (a ledger entry's `inference`). */
export const LINK_INFERENCE: PropertySpecs = {
  inferred: {
    type: 'boolean',
    description: 'True when the document does not state this link and it was read into the quotation (see inference).',
  },
  inference: { type: 'text', description: 'Why an inferred link was read into its document.' },
};

/** Everything a link carries of its document. */
export const LINK_PASSAGE: PropertySpecs = { ...LINK_QUOTATION, ...LINK_INFERENCE };

export const SourceDocument = concept({
  label: 'SourceDocument',
  description: "A document the graph's knowledge was read from.",
  properties: {
    title: { type: 'string', required: true, description: "The document's title." },
    kind: {
      type: 'string',
      description:
        'What sort of document: work programme, web page, blog post, action plan, communication plan, reference data.',
    },
    file: { type: 'string', description: 'The file the knowledge was read from.' },
    attribution: { type: 'text', description: 'Licence and credit, for reference data.' },
    text: {
      type: 'text',
      description:
        "The document's words, as the positions of its quotations count them: read from its file when it is seeded.",
    },
  },
  relationships: {
    DOCUMENTED_IN: {
      from: 'any',
      to: ['SourceDocument'],
      description: 'Where a fact comes from.',
      quoted: false,
      // A record is often held by several passages (a programme's aims, its period, its description): all are kept,
      // in the order they occur, as lists of the same length.
      properties: {
        ref: { type: 'string', description: 'Where in the document (a section, row or paragraph).' },
        quotes: {
          type: 'strings',
          description: "The passages of the document that hold the record, in the document's order.",
        },
        lines: { type: 'integers', description: 'The line each passage starts on, from 1.' },
        starts: { type: 'integers', description: "Where each passage starts in the document's text (from 0)." },
        ends: { type: 'integers', description: "Where each passage ends in the document's text (exclusive)." },
      },
    },
  },
});
