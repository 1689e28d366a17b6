// What a document's author concluded, noticed or hoped, kept in their words and apart from what was planned or done.
import { concept, name, vocabulary } from '../define.js';

export const FindingKind = vocabulary('FindingKind', 'What sort of statement a finding is.', [
  'INSIGHT',
  'OBSERVATION',
  'HOPE',
  'QUESTION',
]);

export const Finding = concept({
  label: 'Finding',
  searchable: true,
  description: "An insight, observation, hope or question its document's author states, in the author's words.",
  properties: {
    name: name('The finding, as the author states it.'),
    kind: { type: FindingKind, required: true, description: 'Insight, observation, hope or question.' },
    description: {
      type: 'text',
      description: 'The passage it comes from, when the finding is a shorter reading of it.',
    },
  },
  relationships: {
    FINDING_OF: {
      from: ['Finding'],
      to: ['Programme'],
      description: 'The programme whose work a finding was made in.',
    },
  },
  links: {
    programme: {
      rel: 'FINDING_OF',
      direction: 'out',
      to: ['Programme'],
      one: true,
      description: 'The programme whose work it was made in.',
    },
  },
  linksOn: {
    Programme: {
      findings: {
        rel: 'FINDING_OF',
        direction: 'in',
        to: ['Finding'],
        description: "Insights, observations, hopes and questions its documents' authors state.",
      },
    },
  },
});
