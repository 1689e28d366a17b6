// A deterministic synthetic England for benchmarks: invented areas, organisations, services, programmes, all demo.
import type { GraphBatch } from '../../schema/records.js';
import { generateActionPlans } from './action-plans.js';
import { generateAreas } from './areas.js';
import { type Generation, RecordCollector } from './collector.js';
import { generateCommunicationPlans } from './communication.js';
import { generateEvents } from './events.js';
import { generateOrganisations } from './organisations.js';
import { generatePeople } from './people.js';
import { generateProgrammes } from './programmes.js';
import { mulberry32 } from '../../schema/random.js';
import { Dice } from './random.js';
import { generateResources } from './resources.js';
import { type Scale, scaledCount, seedOf } from './scales.js';
import { generateServices } from './services.js';
import { generateTopics } from './topics.js';

/**
 * Generates the synthetic graph for a scale as one batch for the importer. Every record is `demo`, every key starts
 * `gen-`, every name ends "(synthetic)"; the same scale always gives exactly the same records in the same order.
 * Each family of records rolls the same dice in turn, so the order of the calls below is part of the output.
 */
export function generate(scale: Scale): GraphBatch {
  const generation: Generation = {
    dice: new Dice(mulberry32(seedOf(scale))),
    out: new RecordCollector(`generated:${scale}`),
    n: (englandCount) => scaledCount(scale, englandCount),
  };
  const areas = generateAreas(generation);
  const organisations = generateOrganisations(generation, areas);
  const topics = generateTopics(generation);
  const programmes = generateProgrammes(generation, areas, organisations, topics);
  const people = generatePeople(generation, organisations, programmes);
  generateActionPlans(generation, areas, programmes, topics, people);
  generateServices(generation, areas, organisations, programmes, topics);
  generateResources(generation, organisations, programmes, topics);
  generateEvents(generation, areas, programmes, topics, people);
  generateCommunicationPlans(generation, programmes, people);
  const { nodes, relationships } = generation.out;
  return { nodes, relationships };
}
