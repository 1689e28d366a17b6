// A resource a partnership publishes or uses: e-learning, materials, toolkits, websites, newsletters, letters.
import { concept, name, vocabulary } from '../define.js';

export const ResourceKind = vocabulary('ResourceKind', 'What sort of resource this is.', [
  'E_LEARNING',
  'COMMUNICATION_MATERIAL',
  'TOOLKIT',
  'EVALUATION_TOOL',
  'WEBSITE',
  'WIKI',
  'NEWSLETTER',
  'LETTER',
  'BLOG',
  'DIRECTORY',
  'FRAMEWORK',
  'DATA',
  'LEAFLET',
  'OTHER',
]);
export const ResourceStatus = vocabulary('ResourceStatus', 'Whether a resource exists yet.', [
  'AVAILABLE',
  'PLANNED',
  'PROPOSED',
]);

export const Resource = concept({
  label: 'Resource',
  searchable: true,
  description: 'A resource: e-learning, communication materials, a toolkit, a website, a newsletter, a letter.',
  properties: {
    name: name("The resource's title."),
    kind: { type: ResourceKind, required: true, description: 'What sort of resource it is.' },
    url: { type: 'url', description: 'Where to find it.' },
    audience: { type: 'string', description: 'Who it is for.' },
    status: { type: ResourceStatus, description: 'Whether it exists yet.' },
    description: { type: 'text', description: 'What it is.' },
  },
  relationships: {
    PUBLISHED_BY: { from: ['Resource'], to: ['Organisation'], description: 'The organisation publishing a resource.' },
    SUPPORTS: {
      from: ['Resource', 'Service', 'Event'],
      to: ['Programme', 'Workstream', 'Action'],
      description: 'A resource, service or event supports a programme, workstream or action.',
    },
  },
  links: {
    publisher: {
      rel: 'PUBLISHED_BY',
      direction: 'out',
      to: ['Organisation'],
      one: true,
      description: 'The organisation publishing it.',
    },
    topics: { rel: 'ABOUT', direction: 'out', to: ['Topic'], description: 'What it is about.' },
    supports: {
      rel: 'SUPPORTS',
      direction: 'out',
      to: ['Programme', 'Workstream', 'Action'],
      description: 'The programmes, workstreams and actions it supports.',
    },
  },
});
