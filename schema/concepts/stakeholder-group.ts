// A group of stakeholders a programme communicates with, and the engagement it needs.
import { concept, name, vocabulary } from '../define.js';

export const EngagementLevelKey = vocabulary('EngagementLevelKey', 'The engagement a stakeholder group needs.', [
  'AWARENESS',
  'INVOLVEMENT',
  'COMMITMENT',
]);

export const StakeholderGroup = concept({
  label: 'StakeholderGroup',
  searchable: true,
  description: 'A group of stakeholders a programme communicates with.',
  properties: {
    name: name("The stakeholder group's name."),
    need: { type: 'text', required: true, description: 'Their summary of need, as written.' },
    description: { type: 'text', description: 'More about the group.' },
  },
  relationships: {
    NEEDS: {
      from: ['StakeholderGroup'],
      to: ['EngagementLevel'],
      description: 'The engagement a stakeholder group needs.',
      properties: {
        qualifier: { type: 'string', description: 'How the need is limited, as written (in certain projects).' },
      },
    },
  },
  links: {
    programmes: { rel: 'ENGAGES', direction: 'in', to: ['Programme'], description: 'Programmes engaging this group.' },
    communications: {
      rel: 'FOR',
      direction: 'in',
      to: ['CommunicationActivity'],
      description: 'How programmes communicate with the group.',
    },
  },
});

export const EngagementLevel = concept({
  label: 'EngagementLevel',
  description: 'Awareness, involvement or commitment, with the key definitions of what each means.',
  properties: {
    name: name("The level's name: awareness, involvement or commitment."),
    level: { type: EngagementLevelKey, required: true, description: 'The level as a code.' },
    definitions: { type: 'strings', required: true, description: 'What the level means: the key definitions.' },
  },
});
