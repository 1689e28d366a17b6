// A programme of work run in partnership, and what hangs off it: workstreams, actions, targets, areas, plans.
import { concept, name } from '../define.js';

export const Programme = concept({
  label: 'Programme',
  searchable: true,
  description:
    'A programme of work run in partnership: a work programme, a roll-out, an action plan, a communication plan.',
  properties: {
    name: name("The programme's name."),
    period: { type: 'string', description: 'The period it runs for, as written (2017/18).' },
    startDate: { type: 'date', description: 'Start date (ISO date or month).' },
    endDate: { type: 'date', description: 'End or delivery date (ISO date or month).' },
    asOf: {
      type: 'date',
      description:
        "The date its document speaks from (ISO date or month): what the graph knows of the programme's actions was true then, and nothing later has been reported. Absent when the document bears no date that can be read.",
    },
    asOfBasis: {
      type: 'text',
      description: 'How that date was read from the document, or why none could be (the document bears no date).',
    },
    aims: { type: 'strings', description: 'What it sets out to do.' },
    benefitsForPeople: { type: 'strings', description: 'Why it is better for people.' },
    benefitsForSystem: { type: 'strings', description: 'Why it is better for the health and care system.' },
    expectedOutcomes: { type: 'strings', description: 'The outcomes expected.' },
    url: { type: 'url', description: 'Where the programme is published.' },
    description: { type: 'text', description: 'What the programme is.' },
  },
  relationships: {
    PROGRAMME_PART_OF: {
      from: ['Programme'],
      to: ['Programme'],
      description: 'A local roll-out of a national programme.',
    },
    PROGRAMME_COVERS: { from: ['Programme'], to: ['Area'], description: 'The areas a programme covers.' },
    SIGNPOSTS_TO: {
      from: ['Programme'],
      to: ['Service', 'Topic'],
      description: 'Services, or kinds of service, a programme signposts people to.',
    },
    HAS_WORKSTREAM: {
      from: ['Programme'],
      to: ['Workstream'],
      description: "A programme's workstreams and key areas.",
    },
    HAS_ACTION: {
      from: ['Programme', 'Workstream'],
      to: ['Action'],
      description: 'The actions of a programme or of one of its workstreams.',
    },
    HAS_TARGET: {
      from: ['Programme', 'Action'],
      to: ['Target'],
      description: 'The targets a programme or an action works towards.',
    },
    ENGAGES: {
      from: ['Programme'],
      to: ['StakeholderGroup'],
      description: 'The stakeholder groups a programme engages.',
    },
    PLANS: {
      from: ['Programme'],
      to: ['CommunicationActivity'],
      description: "A programme's communication plan, one activity per stakeholder group.",
    },
  },
  links: {
    parent: {
      rel: 'PROGRAMME_PART_OF',
      direction: 'out',
      to: ['Programme'],
      one: true,
      description: 'The larger programme this is part of (the national MECC programme).',
    },
    children: {
      rel: 'PROGRAMME_PART_OF',
      direction: 'in',
      to: ['Programme'],
      description: 'The programmes that are part of this one.',
    },
    workstreams: {
      rel: 'HAS_WORKSTREAM',
      direction: 'out',
      to: ['Workstream'],
      description: 'Its workstreams and key areas, in order.',
    },
    actions: {
      rel: 'HAS_ACTION',
      via: 'HAS_WORKSTREAM',
      direction: 'out',
      to: ['Action'],
      description: 'All its actions: its own, then those of each workstream in order.',
    },
    targets: { rel: 'HAS_TARGET', direction: 'out', to: ['Target'], description: 'Its measurable targets.' },
    areasCovered: { rel: 'PROGRAMME_COVERS', direction: 'out', to: ['Area'], description: 'The areas it covers.' },
    signpostedServices: {
      rel: 'SIGNPOSTS_TO',
      direction: 'out',
      to: ['Service'],
      description: 'Services it signposts people to.',
    },
    signpostedTopics: {
      rel: 'SIGNPOSTS_TO',
      direction: 'out',
      to: ['Topic'],
      description: 'Kinds of service it signposts people to (stop smoking, healthy weight).',
    },
    topics: { rel: 'ABOUT', direction: 'out', to: ['Topic'], description: 'What it is about.' },
    resources: { rel: 'SUPPORTS', direction: 'in', to: ['Resource'], description: 'Resources that support it.' },
    events: { rel: 'EVENT_OF', direction: 'in', to: ['Event'], description: 'Its events and communities of practice.' },
    stakeholderGroups: {
      rel: 'ENGAGES',
      direction: 'out',
      to: ['StakeholderGroup'],
      description: 'The stakeholder groups it engages; each says the engagement it needs.',
    },
    communicationPlan: {
      rel: 'PLANS',
      direction: 'out',
      to: ['CommunicationActivity'],
      description: 'Its communication plan: one activity per stakeholder group.',
    },
  },
});
