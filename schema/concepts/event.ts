// An event, workshop, community of practice, meeting or training: who organised it, who took part, for which programme.
import { concept, name, vocabulary } from '../define.js';

export const EventKind = vocabulary('EventKind', 'What sort of event this is.', [
  'EVENT',
  'WORKSHOP',
  'COMMUNITY_OF_PRACTICE',
  'MEETING',
  'TRAINING',
]);
export const EventStatus = vocabulary('EventStatus', 'Whether an event has happened.', ['HELD', 'PLANNED', 'PROPOSED']);

export const Event = concept({
  label: 'Event',
  searchable: true,
  description: 'An event, workshop, community of practice, meeting or training.',
  properties: {
    name: name("The event's name."),
    kind: {
      type: EventKind,
      required: true,
      description: 'Event, workshop, community of practice, meeting or training.',
    },
    date: { type: 'date', description: 'When it took place (ISO date).' },
    status: { type: EventStatus, description: 'Whether it has happened.' },
    place: { type: 'string', description: 'Where, as written.' },
    description: { type: 'text', description: 'What it is.' },
  },
  relationships: {
    ORGANISED: {
      from: ['Organisation', 'Person', 'Role', 'Programme'],
      to: ['Event'],
      description: 'Who organised an event.',
    },
    TOOK_PART_IN: {
      from: ['Organisation', 'Person', 'Role', 'StakeholderGroup'],
      to: ['Event'],
      description: 'Who took part in an event.',
    },
    EVENT_OF: { from: ['Event'], to: ['Programme'], description: 'The programme an event belongs to.' },
  },
  links: {
    organisers: {
      rel: 'ORGANISED',
      direction: 'in',
      to: ['Role', 'Person', 'Organisation', 'Programme'],
      description: 'Who organised it.',
    },
    participants: {
      rel: 'TOOK_PART_IN',
      direction: 'in',
      to: ['Role', 'Person', 'Organisation', 'StakeholderGroup'],
      description: 'Who took part: organisations, people, roles and stakeholder groups.',
    },
    programme: {
      rel: 'EVENT_OF',
      direction: 'out',
      to: ['Programme'],
      one: true,
      description: 'The programme it belongs to.',
    },
    topics: { rel: 'ABOUT', direction: 'out', to: ['Topic'], description: 'What it is about.' },
  },
});
