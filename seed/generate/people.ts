// Generated people: each holds a post (a role) in an organisation, and some a second post in a programme.
import { Label, Rel } from '../../schema/graph.js';
import type { NodeRef } from '../../schema/records.js';
import type { Generation } from './collector.js';
import { phone, SYNTHETIC } from './invented.js';
import type { Organisations } from './organisations.js';
import type { Programme } from './programmes.js';
import { ENGLAND } from './scales.js';

const FIRST_NAMES = [
  'Alex',
  'Sam',
  'Jo',
  'Priya',
  'Tom',
  'Aisha',
  'Chris',
  'Nia',
  'Ben',
  'Leah',
  'Omar',
  'Ruth',
  'Dev',
  'Kate',
  'Femi',
  'Grace',
  'Ivan',
  'Zara',
  'Owen',
  'Mei',
];
const SURNAMES = [
  'Archer',
  'Baker',
  'Carter',
  'Dale',
  'Ellis',
  'Fisher',
  'Gray',
  'Hale',
  'Irwin',
  'Jones',
  'Khan',
  'Lowe',
  'Marsh',
  'Noble',
  'Okafor',
  'Patel',
  'Quinn',
  'Reid',
  'Shaw',
  'Turner',
  'Vance',
  'Wade',
  'Young',
  'Zhou',
];
const GP_TITLES = ['Practice Manager', 'GP Partner', 'Practice Nurse', 'Social Prescribing Link Worker'];
const COUNCIL_TITLES = [
  'Director of Public Health',
  'Health Improvement Officer',
  'Public Health Analyst',
  'Commissioning Manager',
];
const OTHER_TITLES = [
  'Programme Manager',
  'Communications Manager',
  'Community Navigator',
  'Volunteer Coordinator',
  'Training Lead',
  'Clinical Lead',
  'Service Manager',
  'Engagement Officer',
];
const PROGRAMME_TITLES = ['Programme Manager', 'Project Director', 'Programme Communications Lead'];

export interface People {
  people: NodeRef[];
  /** Someone to lead or produce something for a programme: one of its own roles, its lead's, or anyone. */
  someoneFor: (programme: Programme) => NodeRef;
}

export function generatePeople(
  { dice, out, n }: Generation,
  { all: organisations }: Organisations,
  programmes: readonly Programme[],
): People {
  const people: NodeRef[] = [];
  let roleCount = 0;
  const role = (title: string, inside: NodeRef): NodeRef => {
    roleCount += 1;
    const ref = out.node(Label.Role, `gen-role-${roleCount}`, { name: `${title}${SYNTHETIC}` });
    out.link(Rel.ROLE_IN, ref, inside);
    return ref;
  };
  for (let p = 0, total = n(ENGLAND.people); p < total; p += 1) {
    const employer = dice.pick(organisations);
    const title = dice.pick(
      employer.kind === 'GP_PRACTICE' ? GP_TITLES : employer.kind === 'LOCAL_AUTHORITY' ? COUNCIL_TITLES : OTHER_TITLES,
    );
    const first = dice.pick(FIRST_NAMES);
    const last = dice.pick(SURNAMES);
    const person = out.node(Label.Person, `gen-person-${p + 1}`, {
      name: `${first} ${last}${SYNTHETIC}`,
      jobTitle: title,
      email: `${first}.${last}.${p + 1}@example.org`.toLowerCase(),
      phone: phone(p),
    });
    people.push(person);
    const post = role(title, employer.ref);
    employer.roles.push(post);
    out.link(Rel.HOLDS, person, post);
    if (dice.chance(0.2)) {
      const programme = dice.pick(programmes);
      const extra = role(dice.pick(PROGRAMME_TITLES), programme.ref);
      programme.roles.push(extra);
      out.link(Rel.HOLDS, person, extra);
    }
  }
  const someoneFor = (programme: Programme): NodeRef =>
    programme.roles.length > 0 && dice.chance(0.6)
      ? dice.pick(programme.roles)
      : programme.lead.roles.length > 0
        ? dice.pick(programme.lead.roles)
        : dice.pick(people);
  return { people, someoneFor };
}
