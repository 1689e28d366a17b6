// A person, and the roles they hold. Their contact details are for analysts and admins only.
import { concept, name } from '../define.js';

export const Person = concept({
  label: 'Person',
  description: 'A person. Their contact details are not public.',
  // Found by name (and description) only: the full-text index reads no other property, so email and phone never match.
  searchable: true,
  properties: {
    name: name("The person's name."),
    jobTitle: { type: 'string', description: 'Their job title.' },
    email: { type: 'string', private: true, description: 'Work email address. Analysts and admins only.' },
    phone: { type: 'string', private: true, description: 'Work telephone. Analysts and admins only.' },
  },
  relationships: {
    HOLDS: { from: ['Person'], to: ['Role'], description: 'A person holds a role.' },
  },
});
