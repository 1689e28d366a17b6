// A workstream of a programme, or one of its key areas of work.
import { concept, name, vocabulary } from '../define.js';

export const WorkstreamKind = vocabulary('WorkstreamKind', 'A workstream of deliverables, or a key area of work.', [
  'WORKSTREAM',
  'KEY_AREA',
]);

export const Workstream = concept({
  label: 'Workstream',
  searchable: true,
  description: 'A workstream of a programme, or one of its key areas of work.',
  properties: {
    name: name("The workstream or key area's name."),
    kind: { type: WorkstreamKind, required: true, description: 'A workstream of deliverables, or a key area of work.' },
    position: { type: 'integer', description: 'Its number or order in the programme.' },
    group: { type: 'string', description: 'A heading grouping several workstreams (Engaging and learning).' },
    description: { type: 'text', description: 'About it.' },
  },
  links: {
    programme: {
      rel: 'HAS_WORKSTREAM',
      direction: 'in',
      to: ['Programme'],
      one: true,
      description: 'The programme it belongs to.',
    },
    actions: {
      rel: 'HAS_ACTION',
      direction: 'out',
      to: ['Action'],
      description: 'Its actions or deliverables, in order.',
    },
    resources: { rel: 'SUPPORTS', direction: 'in', to: ['Resource'], description: 'Resources that support it.' },
  },
});
