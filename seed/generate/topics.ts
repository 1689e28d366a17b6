// Generated topics: one shared taxonomy, the same at every scale, that services, resources and programmes are about.
import { Label } from '../../schema/graph.js';
import type { NodeRef } from '../../schema/records.js';
import type { Generation } from './collector.js';
import { SYNTHETIC, slug } from './invented.js';

export const TOPICS = [
  'Stop smoking',
  'Alcohol',
  'Healthy weight',
  'Physical activity',
  'Mental wellbeing',
  'Immunisation',
  'Social prescribing',
  'Sexual health',
  'Drug misuse',
  'Oral health',
  'Falls prevention',
  'Dementia',
  'Diabetes prevention',
  'NHS Health Checks',
  'Cancer screening',
  'Air quality',
  'Housing and health',
  'Loneliness',
  'Early years',
  'School nursing',
  'Healthy ageing',
  'Carers',
  'Suicide prevention',
  'Workplace health',
];

/** The topics' records, in the order of TOPICS, so that an index into one is an index into the other. */
export function generateTopics({ out }: Generation): NodeRef[] {
  return TOPICS.map((name) => out.node(Label.Topic, `gen-topic-${slug(name)}`, { name: `${name}${SYNTHETIC}` }));
}
