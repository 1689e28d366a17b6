// The taxonomy shared by services, resources, programmes, events and actions: what each is about.
import { concept, name } from '../define.js';

export const Topic = concept({
  label: 'Topic',
  searchable: true,
  description: 'A topic of the taxonomy shared by services, resources and programmes (stop smoking, immunisation).',
  properties: {
    name: name("The topic's name (stop smoking)."),
    description: { type: 'text', description: 'What it covers.' },
  },
  relationships: {
    ABOUT: {
      from: ['Service', 'Resource', 'Programme', 'Event', 'Action', 'Workstream'],
      to: ['Topic'],
      description: 'What a service, resource, programme, event, action or workstream is about.',
    },
  },
  links: {
    services: { rel: 'ABOUT', direction: 'in', to: ['Service'], description: 'Services about this topic.' },
    resources: { rel: 'ABOUT', direction: 'in', to: ['Resource'], description: 'Resources about this topic.' },
  },
});
