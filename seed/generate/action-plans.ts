// Generated action plans: every programme's workstreams, and the actions that fall among them.
import { Label, Rel, type ActionStatus } from '../../schema/graph.js';
import type { NodeRef, Properties } from '../../schema/records.js';
import type { Areas } from './areas.js';
import type { Generation } from './collector.js';
import { isoDay, SYNTHETIC } from './invented.js';
import type { People } from './people.js';
import type { Programme } from './programmes.js';
import { ENGLAND } from './scales.js';
import { TOPICS } from './topics.js';

const WORKSTREAMS = [
  'Training and workforce',
  'Communication and engagement',
  'Data and evaluation',
  'Commissioning',
  'Community outreach',
  'Digital',
  'Prevention',
  'Access and equity',
];
const ACTION_VERBS = [
  'Deliver',
  'Agree',
  'Publish',
  'Review',
  'Train staff on',
  'Map',
  'Share',
  'Evaluate',
  'Recruit for',
  'Promote',
];
const ACTION_OBJECTS = [
  'training for frontline staff',
  'practice-level data',
  'the communication plan',
  'referral pathways',
  'the evaluation framework',
  'volunteer champions',
  'the annual report',
  'community events',
  'the e-learning module',
  'the service directory',
];
const STATUS_WEIGHTS: readonly [ActionStatus, number][] = [
  ['COMPLETED', 30],
  ['IN_PROGRESS', 25],
  ['PLANNED', 20],
  ['ONGOING', 12],
  ['PROPOSED', 8],
  ['CANCELLED', 5],
];

export function generateActionPlans(
  { dice, out, n }: Generation,
  { boroughs }: Areas,
  programmes: readonly Programme[],
  topics: readonly NodeRef[],
  { people, someoneFor }: People,
): void {
  let workstreamCount = 0;
  for (const programme of programmes) {
    for (let w = 0, total = dice.int(2, 8); w < total; w += 1) {
      workstreamCount += 1;
      const ref = out.node(Label.Workstream, `gen-workstream-${workstreamCount}`, {
        name: `${WORKSTREAMS[(w + programme.topic) % WORKSTREAMS.length]}${SYNTHETIC}`,
        kind: dice.chance(0.8) ? 'WORKSTREAM' : 'KEY_AREA',
        position: w + 1,
        ...(dice.chance(0.3) ? { group: dice.pick(['Engaging and learning', 'Delivering', 'Measuring']) } : {}),
      });
      out.link(Rel.HAS_WORKSTREAM, programme.ref, ref);
      out.link(Rel.LED_BY, ref, someoneFor(programme), { part: 'LEAD' });
      out.link(Rel.ABOUT, ref, topics[(programme.topic + w) % topics.length]!);
      programme.workstreams.push(ref);
    }
  }
  const positions = new Map<NodeRef, number>();
  for (let a = 0, total = n(ENGLAND.actions); a < total; a += 1) {
    const programme = dice.pick(programmes);
    const parent = dice.chance(0.9) ? dice.pick(programme.workstreams) : programme.ref;
    const position = (positions.get(parent) ?? 0) + 1;
    positions.set(parent, position);
    const status = dice.weighted(STATUS_WEIGHTS);
    const year = programme.start + dice.int(0, programme.years - 1);
    const month = dice.int(1, 12);
    const due = isoDay(month < 4 ? year + 1 : year, month, dice.int(1, 28));
    const timing: Properties =
      status === 'ONGOING'
        ? { recurrence: dice.pick(['QUARTERLY', 'MONTHLY', 'ONGOING', 'AS_REQUIRED']) }
        : { dueDate: due, ...(status === 'COMPLETED' ? { completedDate: due } : {}) };
    const where = programme.tier === 'national' ? 'England' : boroughs[programme.borough]!.name;
    const topic = TOPICS[programme.topic]!.toLowerCase();
    const ref = out.node(Label.Action, `gen-action-${a + 1}`, {
      name: `${dice.pick(ACTION_VERBS)} ${dice.pick(ACTION_OBJECTS)} #${a + 1}${SYNTHETIC}`,
      status,
      position,
      ...timing,
      ...(dice.chance(0.3) ? { outcome: `More people in ${where} benefit from ${topic} support.` } : {}),
    });
    out.link(Rel.HAS_ACTION, parent, ref);
    const lead = dice.chance(0.2) ? programme.lead.ref : dice.chance(0.35) ? dice.pick(people) : someoneFor(programme);
    out.link(Rel.LED_BY, ref, lead, { part: 'LEAD' });
    if (dice.chance(0.6)) {
      const delivery = dice.pick(programme.partners);
      if (delivery.ref !== lead) out.link(Rel.LED_BY, ref, delivery.ref, { part: 'DELIVERY' });
    }
    if (dice.chance(0.5)) out.link(Rel.ABOUT, ref, topics[programme.topic]!);
  }
}
