// Generated resources: published by national bodies, councils, the NHS and the voluntary sector, for a programme.
import { Label, Rel, ResourceKind } from '../../schema/graph.js';
import type { NodeRef } from '../../schema/records.js';
import type { Generation } from './collector.js';
import { SYNTHETIC, WEB } from './invented.js';
import type { Organisation, Organisations } from './organisations.js';
import type { Programme } from './programmes.js';
import { ENGLAND } from './scales.js';
import { TOPICS } from './topics.js';

export function generateResources(
  { dice, out, n }: Generation,
  { councils, kinds }: Organisations,
  programmes: readonly Programme[],
  topics: readonly NodeRef[],
): void {
  const publishers: readonly [Organisation[], number][] = [
    [kinds('NATIONAL_BODY', 'REGIONAL_BODY'), 20],
    [councils, 30],
    [kinds('NHS_TRUST', 'ICB'), 15],
    [kinds('VOLUNTARY'), 25],
    [kinds('PROFESSIONAL_NETWORK'), 10],
  ];
  for (let r = 0, total = n(ENGLAND.resources); r < total; r += 1) {
    const kind = dice.pick(ResourceKind);
    const topic = dice.int(0, topics.length - 1);
    const ref = out.node(Label.Resource, `gen-resource-${r + 1}`, {
      name: `${TOPICS[topic]} ${kind.toLowerCase().replace(/_/g, ' ')} #${r + 1}${SYNTHETIC}`,
      kind,
      url: `${WEB}/resource/${r + 1}`,
      audience: dice.pick(['Frontline staff', 'Residents', 'Commissioners', 'GP practices', 'Schools']),
      status: dice.weighted([
        ['AVAILABLE', 85],
        ['PLANNED', 10],
        ['PROPOSED', 5],
      ] as const),
    });
    out.link(Rel.PUBLISHED_BY, ref, dice.pick(dice.weighted(publishers)).ref);
    out.link(Rel.ABOUT, ref, topics[topic]!);
    for (const other of dice.sample(topics, dice.int(0, 2)))
      if (other !== topics[topic]) out.link(Rel.ABOUT, ref, other);
    const programme = dice.pick(programmes);
    out.link(Rel.SUPPORTS, ref, programme.ref);
    if (dice.chance(0.4)) out.link(Rel.SUPPORTS, ref, dice.pick(programme.workstreams));
  }
}
