// Generated events: organised for programmes, with partners and people taking part.
import { EventKind, Label, Rel } from '../../schema/graph.js';
import type { NodeRef } from '../../schema/records.js';
import type { Areas } from './areas.js';
import type { Generation } from './collector.js';
import { isoDay, SYNTHETIC } from './invented.js';
import type { People } from './people.js';
import type { Programme } from './programmes.js';
import { ENGLAND } from './scales.js';
import { TOPICS } from './topics.js';

export function generateEvents(
  { dice, out, n }: Generation,
  { boroughs }: Areas,
  programmes: readonly Programme[],
  topics: readonly NodeRef[],
  { people }: People,
): void {
  for (let e = 0, total = n(ENGLAND.events); e < total; e += 1) {
    const programme = dice.pick(programmes);
    const kind = dice.pick(EventKind);
    const year = programme.start + dice.int(0, programme.years - 1);
    const ref = out.node(Label.Event, `gen-event-${e + 1}`, {
      name: `${TOPICS[programme.topic]} ${kind.toLowerCase().replace(/_/g, ' ')} #${e + 1}${SYNTHETIC}`,
      kind,
      date: isoDay(year, dice.int(4, 12), dice.int(1, 28)),
      status: year < 2025 ? 'HELD' : 'PLANNED',
      place: `${boroughs[programme.borough]!.name} community hub`,
    });
    out.link(Rel.EVENT_OF, ref, programme.ref);
    out.link(Rel.ORGANISED, dice.chance(0.8) ? programme.lead.ref : programme.ref, ref);
    for (const org of dice.sample(programme.partners, dice.int(5, 20))) out.link(Rel.TOOK_PART_IN, org.ref, ref);
    for (const person of dice.sample(people, dice.int(0, 3))) out.link(Rel.TOOK_PART_IN, person, ref);
    out.link(Rel.ABOUT, ref, topics[programme.topic]!);
  }
}
