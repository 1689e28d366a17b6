// Generated communication plans for a tenth of the programmes: stakeholder groups, engagement needed, activities.
import { Label, Rel } from '../../schema/graph.js';
import type { Generation } from './collector.js';
import { SYNTHETIC } from './invented.js';
import type { People } from './people.js';
import type { Programme } from './programmes.js';
import { TOPICS } from './topics.js';

const STAKEHOLDERS = [
  'Frontline staff',
  'GP practices',
  'Residents',
  'Councillors',
  'Voluntary sector partners',
  'Pharmacies',
  'Schools',
  'Carers',
];
const METHODS = ['newsletter', 'email', 'briefing', 'workshop', 'social media', 'intranet', 'poster'];

export function generateCommunicationPlans(
  { dice, out }: Generation,
  programmes: readonly Programme[],
  { someoneFor }: People,
): void {
  const levels = (['AWARENESS', 'INVOLVEMENT', 'COMMITMENT'] as const).map((level) =>
    out.node(Label.EngagementLevel, `gen-engagement-${level.toLowerCase()}`, {
      name: `${level[0]}${level.slice(1).toLowerCase()}${SYNTHETIC}`,
      level,
      definitions: [`Synthetic definition of ${level.toLowerCase()}`],
    }),
  );
  let groupCount = 0;
  let activityCount = 0;
  for (const programme of programmes) {
    if (!dice.chance(0.1)) continue;
    const groups = dice.sample(STAKEHOLDERS, dice.int(3, 8)).map((name) => {
      groupCount += 1;
      const ref = out.node(Label.StakeholderGroup, `gen-stakeholders-${groupCount}`, {
        name: `${name}${SYNTHETIC}`,
        need: `${name} need to know what the programme offers and how to refer.`,
      });
      out.link(Rel.ENGAGES, programme.ref, ref);
      out.link(Rel.NEEDS, ref, dice.pick(levels), dice.chance(0.2) ? { qualifier: 'in certain projects' } : {});
      return ref;
    });
    for (let c = 0, total = dice.int(4, 10); c < total; c += 1) {
      activityCount += 1;
      const ref = out.node(Label.CommunicationActivity, `gen-communication-${activityCount}`, {
        name: `Communication ${c + 1} for ${TOPICS[programme.topic]!.toLowerCase()}${SYNTHETIC}`,
        methods: dice.sample(METHODS, dice.int(1, 3)),
        frequency: dice.pick(['monthly', 'quarterly', 'at launch', 'weekly']),
      });
      out.link(Rel.PLANS, programme.ref, ref);
      for (const group of dice.sample(groups, dice.int(1, 2))) out.link(Rel.FOR, ref, group);
      out.link(Rel.PRODUCED_BY, ref, someoneFor(programme));
      out.link(Rel.DELIVERED_BY, ref, dice.pick(programme.partners).ref);
    }
  }
}
