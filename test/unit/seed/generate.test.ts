import { describe, expect, it } from 'vitest';
import { Label } from '../../../schema/graph.js';
import type { GraphBatch } from '../../../schema/records.js';
import { countRecords } from '../../../seed/generate/counts.js';
import { generate } from '../../../seed/generate/england.js';
import { ENGLAND, scaledCount, type Scale } from '../../../seed/generate/scales.js';
import { nativeLines } from '../../../seed/generate/native.js';
import { parseNative } from '../../../seed/readers/native.js';
import { validateBatch } from '../../../schema/validate.js';

const small = generate('small');
const medium = generate('medium');

/** The headline counts the scales document, read from the records. */
function headline(batch: GraphBatch) {
  const nodes = (label: Label, where: Record<string, unknown> = {}) =>
    batch.nodes.filter((n) => n.label === label && Object.entries(where).every(([k, v]) => n.properties[k] === v))
      .length;
  return {
    regions: nodes(Label.Area, { level: 'REGION' }),
    footprints: nodes(Label.Area, { level: 'FOOTPRINT' }),
    boroughs: nodes(Label.Area, { level: 'BOROUGH' }),
    organisations: nodes(Label.Organisation),
    gpPractices: nodes(Label.Organisation, { kind: 'GP_PRACTICE' }),
    services: nodes(Label.Service),
    resources: nodes(Label.Resource),
    people: nodes(Label.Person),
    programmes: nodes(Label.Programme),
    actions: nodes(Label.Action),
    events: nodes(Label.Event),
  };
}

function documented(scale: Scale) {
  const counts = Object.fromEntries(
    Object.entries(ENGLAND).map(([name, count]) => [name, scaledCount(scale, count)]),
  ) as Record<keyof typeof ENGLAND, number>;
  counts.regions = Math.min(ENGLAND.regions, counts.footprints);
  return counts;
}

/** Records without where they were read, in one order: a file groups nodes by label, the generator does not. */
const strip = (batch: GraphBatch) => ({
  nodes: batch.nodes
    .map(({ label, key, properties }) => ({ label, key, properties }))
    .sort((a, b) => `${a.label}/${a.key}`.localeCompare(`${b.label}/${b.key}`)),
  relationships: batch.relationships
    .map(({ type, from, to, properties }) => ({
      id: `${from.label}/${from.key} ${type} ${to.label}/${to.key}`,
      properties,
    }))
    .sort((a, b) => a.id.localeCompare(b.id)),
});

// Generating and validating the medium scale takes seconds of CPU; on two busy cores, far more than vitest's default 5 s.
describe('the synthetic graph generator', { timeout: 60_000 }, () => {
  it('gives exactly the same records, in the same order, every time a scale is generated', () => {
    expect(generate('small')).toEqual(small);
    expect(JSON.stringify(generate('medium'))).toBe(JSON.stringify(medium));
  });

  it("makes records the importer's validator accepts with no problems and nothing to merge", () => {
    for (const batch of [small, medium]) {
      const validated = validateBatch(batch);
      expect(validated.problems).toEqual([]);
      // Nothing merged: no key given twice and no link repeated, so the printed counts are what the import creates.
      expect(validated.nodes).toHaveLength(batch.nodes.length);
      expect(validated.relationships).toHaveLength(batch.relationships.length);
    }
  });

  it('links only records it generates', () => {
    for (const batch of [small, medium]) {
      const keys = new Set(batch.nodes.map((n) => `${n.label}/${n.key}`));
      const dangling = batch.relationships.filter(
        (r) => !keys.has(`${r.from.label}/${r.from.key}`) || !keys.has(`${r.to.label}/${r.to.key}`),
      );
      expect(dangling).toEqual([]);
    }
  });

  it('marks everything as invented: demo, a gen- key, a name saying synthetic, contacts that reach nobody', () => {
    expect(small.nodes.filter((n) => n.properties.demo !== true)).toEqual([]);
    expect(small.nodes.filter((n) => !n.key.startsWith('gen-'))).toEqual([]);
    expect(
      small.nodes.filter((n) => typeof n.properties.name === 'string' && !n.properties.name.endsWith('(synthetic)')),
    ).toEqual([]);
    const contacts = small.nodes.flatMap((n) =>
      [n.properties.email, n.properties.url, n.properties.website].filter((v) => v !== undefined),
    );
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.filter((c) => !/^(https:\/\/example\.org\/|[^@]+@example\.org$)/.test(String(c)))).toEqual([]);
  });

  it("places every area and location inside England's bounds", () => {
    const placed = medium.nodes.filter((n) => n.properties.latitude !== undefined);
    expect(placed.filter((n) => n.label === Label.Location).length).toBeGreaterThan(1000);
    const outside = placed.filter(
      ({ properties: { latitude, longitude } }) =>
        !(Number(latitude) > 49.9 && Number(latitude) < 55.8 && Number(longitude) > -5.8 && Number(longitude) < 1.8),
    );
    expect(outside).toEqual([]);
  });

  it('gives every programme partners, a lead and an action plan, so the network and action plan queries have work', () => {
    const partnered = new Set(medium.relationships.filter((r) => r.type === 'PARTNER_IN').map((r) => r.to.key));
    const led = new Set(
      medium.relationships.filter((r) => r.type === 'PARTNER_IN' && r.properties.role === 'LEAD').map((r) => r.to.key),
    );
    const programmes = medium.nodes.filter((n) => n.label === Label.Programme).map((n) => n.key);
    expect(programmes.filter((key) => !partnered.has(key) || !led.has(key))).toEqual([]);
    const actions = medium.nodes.filter((n) => n.label === Label.Action);
    const ledActions = new Set(
      medium.relationships
        .filter((r) => r.type === 'LED_BY' && r.properties.part === 'LEAD' && r.from.label === Label.Action)
        .map((r) => r.from.key),
    );
    expect(actions.filter((a) => !ledActions.has(a.key))).toEqual([]);
    expect(new Set(actions.map((a) => a.properties.status)).size).toBe(6);
  });

  it("has the documented counts at each scale, a hundredth and a tenth of England's", () => {
    expect(headline(small)).toEqual(documented('small'));
    expect(headline(medium)).toEqual(documented('medium'));
    expect(documented('medium').services).toBe(ENGLAND.services / 10);
    expect(documented('small').gpPractices).toBe(ENGLAND.gpPractices / 100);
    // The totals follow too: the counts that do not scale (topics, the area hierarchy's top) are small beside them.
    expect(medium.nodes.length / small.nodes.length).toBeGreaterThan(9);
    expect(medium.nodes.length / small.nodes.length).toBeLessThan(11);
    expect(medium.relationships.length / small.relationships.length).toBeGreaterThan(9);
    expect(medium.relationships.length / small.relationships.length).toBeLessThan(11);
  });

  it('reaches a quarter of a million nodes and a million links at the england scale', () => {
    const england = generate('england');
    expect(headline(england)).toEqual(documented('england'));
    expect(england.nodes.length).toBeGreaterThanOrEqual(250_000);
    expect(england.relationships.length).toBeGreaterThanOrEqual(1_000_000);
    const counts = countRecords(england);
    expect(counts.relationships.PARTNER_IN).toBeGreaterThan(50_000);
  }, 60_000);

  it("writes a native file that the seed's reader turns back into the same records", () => {
    const read = parseNative('generated.yaml', [...nativeLines(small, ['synthetic'])].join('\n'));
    expect(strip(read)).toEqual(strip(small));
  });
});
