// Something a programme will do, with its status, due date or recurrence, and who leads it.
import { concept, name, vocabulary } from '../define.js';

export const ActionStatus = vocabulary('ActionStatus', 'Where an action stands.', [
  'PROPOSED',
  'PLANNED',
  'IN_PROGRESS',
  'ONGOING',
  'COMPLETED',
  'CANCELLED',
]);
export const Recurrence = vocabulary('Recurrence', 'How often a recurring action happens.', [
  'QUARTERLY',
  'MONTHLY',
  'ONGOING',
  'AS_REQUIRED',
]);
export const LeadPart = vocabulary('LeadPart', 'Leads it, delivers it or supports it.', [
  'LEAD',
  'DELIVERY',
  'SUPPORT',
]);

export const Action = concept({
  label: 'Action',
  searchable: true,
  description: 'Something a programme will do, with its status, due date or recurrence, and who leads it.',
  properties: {
    name: name('What is to be done, as written.'),
    status: { type: ActionStatus, required: true, description: 'Where the action stands.' },
    position: { type: 'integer', description: 'Its order within its workstream or programme.' },
    output: { type: 'text', description: "The output the action serves (Barnet's plan)." },
    outcome: { type: 'text', description: "The outcome the action serves (Barnet's plan)." },
    dueDate: { type: 'date', description: 'When it is due (ISO date or month).' },
    dueText: {
      type: 'string',
      description: 'The due date or timing as written in the source (24th to 30th April 2017).',
    },
    recurrence: { type: Recurrence, description: 'For recurring actions instead of a due date.' },
    completedDate: { type: 'date', description: 'When it was completed (ISO date or month).' },
    leadText: { type: 'string', description: 'Who leads it, as written in the source.' },
    description: { type: 'text', description: 'More about it.' },
  },
  relationships: {
    LED_BY: {
      from: ['Action', 'Workstream', 'Programme'],
      to: ['Role', 'Person', 'Organisation'],
      description: 'Who leads, delivers or supports an action, workstream or programme.',
      properties: {
        part: { type: LeadPart, required: true, description: 'Leads it, delivers it or supports it.' },
        period: { type: 'string', description: 'When this lead applies, as written (summer term).' },
        shared: {
          type: 'boolean',
          description:
            "True when the document names this lead in a Led by cell shared by several actions without saying which of them it leads: the row's lead, not necessarily this action's.",
        },
      },
    },
  },
  links: {
    workstream: {
      rel: 'HAS_ACTION',
      direction: 'in',
      to: ['Workstream'],
      one: true,
      description: 'The workstream it belongs to, if any.',
    },
    targets: { rel: 'HAS_TARGET', direction: 'out', to: ['Target'], description: 'The targets it works towards.' },
    topics: { rel: 'ABOUT', direction: 'out', to: ['Topic'], description: 'What it is about.' },
  },
});
