// A job or role in an organisation or programme: what leads actions and delivers communications when no one is named.
import { concept, name } from '../define.js';

export const Role = concept({
  label: 'Role',
  description: 'A job or role in an organisation or programme (Health Improvement Officer, Programme Manager).',
  searchable: true,
  properties: {
    name: name("The role's title (Health Improvement Officer)."),
    description: { type: 'text', description: 'What the role does.' },
  },
  relationships: {
    ROLE_IN: {
      from: ['Role'],
      to: ['Organisation', 'Programme'],
      description: 'The organisation or programme a role belongs to.',
    },
  },
  links: {
    organisations: {
      rel: 'ROLE_IN',
      direction: 'out',
      to: ['Organisation'],
      description: 'The organisations the role belongs to.',
    },
    programmes: {
      rel: 'ROLE_IN',
      direction: 'out',
      to: ['Programme'],
      description: 'The programmes the role belongs to.',
    },
    holders: { rel: 'HOLDS', direction: 'in', to: ['Person'], description: 'People holding the role.' },
    actions: {
      rel: 'LED_BY',
      direction: 'in',
      to: ['Action'],
      description: 'Actions the role leads, delivers or supports.',
    },
  },
});
