// A service people can use or be referred to: who provides it, where, about what. Maps onto Open Referral UK.
import { concept, name } from '../define.js';

export const Service = concept({
  label: 'Service',
  searchable: true,
  description: 'A service people can use or be referred to.',
  properties: {
    name: name("The service's name."),
    url: { type: 'url', description: "The service's web page." },
    email: { type: 'string', description: 'Public contact email.' },
    phone: { type: 'string', description: 'Public contact telephone.' },
    eligibility: { type: 'text', description: 'Who can use it.' },
    referralRoute: { type: 'text', description: 'How to be referred, or refer yourself.' },
    minimumAge: { type: 'integer', description: 'Youngest age served.' },
    maximumAge: { type: 'integer', description: 'Oldest age served.' },
    // The one copy of a service's schedules too: Service.openingHours reads them from here for people to read
    // (server/graphql/resolvers/service.ts says why they are not a property of their own).
    oruk: {
      type: 'text',
      internal: true,
      description:
        'Open Referral UK fields the graph does not model (schedules, contacts, costs, ...), as JSON, kept from an import so the feed gives them back.',
    },
    description: { type: 'text', description: 'What the service does.' },
  },
  relationships: {
    PROVIDED_BY: { from: ['Service'], to: ['Organisation'], description: 'The organisation providing a service.' },
    AVAILABLE_IN: { from: ['Service'], to: ['Area'], description: 'The areas a service serves.' },
    AT: {
      from: ['Service', 'Organisation', 'Event'],
      to: ['Location'],
      description: 'Where a service is delivered, an organisation is found or an event is held.',
    },
  },
  links: {
    provider: {
      rel: 'PROVIDED_BY',
      direction: 'out',
      to: ['Organisation'],
      one: true,
      description: 'The organisation providing it.',
    },
    areas: { rel: 'AVAILABLE_IN', direction: 'out', to: ['Area'], description: 'The areas it serves.' },
    topics: { rel: 'ABOUT', direction: 'out', to: ['Topic'], description: 'What it helps with.' },
    locations: { rel: 'AT', direction: 'out', to: ['Location'], description: 'Where it is delivered.' },
  },
});
