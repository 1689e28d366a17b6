// One line of a programme's communication plan: how, how often, for whom, produced and delivered by whom.
import { concept, name } from '../define.js';

export const CommunicationActivity = concept({
  label: 'CommunicationActivity',
  description: "One line of a programme's communication plan: how, how often, and for whom.",
  properties: {
    name: name('A short name for the activity.'),
    methods: { type: 'strings', required: true, description: 'How the information is given.' },
    frequency: { type: 'string', description: 'How often it goes out, as written.' },
  },
  relationships: {
    FOR: {
      from: ['CommunicationActivity'],
      to: ['StakeholderGroup'],
      description: 'The stakeholder group a communication is for.',
    },
    PRODUCED_BY: {
      from: ['CommunicationActivity'],
      to: ['Role', 'Person', 'Organisation'],
      description: 'Who is responsible for producing a communication.',
    },
    DELIVERED_BY: {
      from: ['CommunicationActivity'],
      to: ['Role', 'Person', 'Organisation'],
      description: 'Who delivers a communication.',
      properties: { occasion: { type: 'string', description: 'Where or when they deliver it, as written.' } },
    },
  },
  links: {
    group: {
      rel: 'FOR',
      direction: 'out',
      to: ['StakeholderGroup'],
      one: true,
      description: 'The stakeholder group it is for.',
    },
    producedBy: {
      rel: 'PRODUCED_BY',
      direction: 'out',
      to: ['Role', 'Person', 'Organisation'],
      union: 'Actor',
      description: 'Who is responsible for producing it.',
    },
  },
});
