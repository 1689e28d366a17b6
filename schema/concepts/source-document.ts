// A document the graph's knowledge was read from; every record says which, and where in it.
import { concept } from '../define.js';

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
  },
  relationships: {
    DOCUMENTED_IN: {
      from: 'any',
      to: ['SourceDocument'],
      description: 'Where a fact comes from.',
      properties: { ref: { type: 'string', description: 'Where in the document (a section, row or paragraph).' } },
    },
  },
});
