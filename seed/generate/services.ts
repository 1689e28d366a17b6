// Generated services: provided by councils, the NHS, GP practices and charities near home, signposted by programmes.
import { Label, Rel } from '../../schema/graph.js';
import type { NodeRef } from '../../schema/records.js';
import type { Areas } from './areas.js';
import type { Generation } from './collector.js';
import { phone, SYNTHETIC, WEB } from './invented.js';
import type { Organisation, Organisations } from './organisations.js';
import type { Programme } from './programmes.js';
import { ENGLAND } from './scales.js';
import { TOPICS } from './topics.js';

const SERVICE_FORMS = [
  'support',
  'clinic',
  'advice line',
  'drop-in',
  'group',
  'programme',
  'outreach service',
  'online course',
];

export function generateServices(
  { dice, out, n }: Generation,
  { footprints, boroughs, location }: Areas,
  { councils, kinds }: Organisations,
  programmes: readonly Programme[],
  topics: readonly NodeRef[],
): void {
  const servicesIn = boroughs.map(() => [] as NodeRef[]);
  const providers: readonly [Organisation[], number][] = [
    [councils, 35],
    [kinds('NHS_TRUST'), 20],
    [kinds('GP_PRACTICE'), 15],
    [kinds('VOLUNTARY'), 25],
    [kinds('CHARITY_FOUNDATION'), 5],
  ];
  for (let s = 0, total = n(ENGLAND.services); s < total; s += 1) {
    const provider = dice.pick(dice.weighted(providers));
    const home = boroughs[provider.borough]!;
    const topic = dice.int(0, topics.length - 1);
    const minimumAge = dice.pick([0, 12, 16, 18, 18, 18, 50, 65]);
    const ref = out.node(Label.Service, `gen-service-${s + 1}`, {
      name: `${TOPICS[topic]} ${dice.pick(SERVICE_FORMS)} in ${home.name} #${s + 1}${SYNTHETIC}`,
      description: `An invented ${TOPICS[topic]!.toLowerCase()} service for load testing; it does not exist.`,
      url: `${WEB}/service/${s + 1}`,
      email: `service-${s + 1}@example.org`,
      phone: phone(s),
      eligibility: `People aged ${minimumAge} and over who live, work or study in ${home.name}.`,
      referralRoute: dice.pick([
        'Refer yourself online or by telephone.',
        'Ask your GP or pharmacist to refer you.',
        'Drop in; no referral needed.',
      ]),
      minimumAge,
      ...(minimumAge < 18 && dice.chance(0.5) ? { maximumAge: 18 } : {}),
    });
    out.link(Rel.PROVIDED_BY, ref, provider.ref);
    const served = [provider.borough];
    if (dice.chance(0.15)) out.link(Rel.AVAILABLE_IN, ref, footprints[home.footprint]!.ref);
    const neighbours = footprints[home.footprint]!.boroughs.filter((b) => b !== provider.borough);
    served.push(...dice.sample(neighbours, dice.int(0, 4)));
    for (const b of served) {
      out.link(Rel.AVAILABLE_IN, ref, boroughs[b]!.ref);
      servicesIn[b]!.push(ref);
    }
    out.link(Rel.ABOUT, ref, topics[topic]!);
    for (const other of dice.sample(topics, dice.int(0, 3)))
      if (other !== topics[topic]) out.link(Rel.ABOUT, ref, other);
    if (dice.chance(0.55))
      out.link(
        Rel.AT,
        ref,
        location(provider.borough, dice.pick(['health centre', 'library', 'community hub', 'pharmacy'])),
      );
  }
  for (const programme of programmes) {
    if (programme.tier !== 'local') continue;
    for (const service of dice.sample(servicesIn[programme.borough]!, dice.int(10, 40)))
      out.link(Rel.SIGNPOSTS_TO, programme.ref, service);
    out.link(Rel.SIGNPOSTS_TO, programme.ref, topics[programme.topic]!);
  }
}
