import { describe, expect, it } from 'vitest';
import { readReference } from '../../../seed/readers/reference.js';
import { validateBatch } from '../../../schema/validate.js';

describe('the reference data', async () => {
  const batch = validateBatch(await readReference());
  const nodes = (label: string, filter: Record<string, unknown> = {}) =>
    batch.nodes.filter((n) => n.label === label && Object.entries(filter).every(([k, v]) => n.properties[k] === v));
  const links = (type: string) => batch.relationships.filter((r) => r.type === type);

  it('fits the model, with every link reaching a node of the batch', () => {
    expect(batch.problems).toEqual([]);
    const keys = new Set(batch.nodes.map((n) => `${n.label}/${n.key}`));
    const dangling = batch.relationships.filter(
      (r) => !keys.has(`${r.from.label}/${r.from.key}`) || !keys.has(`${r.to.label}/${r.to.key}`),
    );
    expect(dangling).toEqual([]);
  });

  it("holds the area hierarchy: 7 regions, 44 footprints of 2017/18 and London's 33 boroughs", () => {
    expect(nodes('Area', { level: 'REGION' })).toHaveLength(7);
    expect(nodes('Area', { level: 'FOOTPRINT' })).toHaveLength(44);
    expect(nodes('Area', { level: 'BOROUGH' })).toHaveLength(33);
    const partOf = (key: string) =>
      links('AREA_PART_OF')
        .filter((r) => r.from.key === key)
        .map((r) => r.to.key);
    expect(partOf('E09000003')).toEqual(['E54000028']); // Barnet in North Central London
    expect(partOf('E54000028')).toEqual(['Y56']);
    expect(links('AREA_PART_OF').filter((r) => r.to.key === 'E54000027')).toHaveLength(8);
    // Every footprint sits in a region, including the seven whose codes changed before 2020.
    expect(nodes('Area', { level: 'FOOTPRINT' }).every((f) => /^Y\d\d$/.test(partOf(f.key)[0] ?? ''))).toBe(true);
  });

  it("holds the 42 ICBs, London's 33 councils, their CCGs and London's NHS trusts", () => {
    expect(nodes('Organisation', { kind: 'ICB' })).toHaveLength(42);
    expect(nodes('Organisation', { kind: 'LOCAL_AUTHORITY' })).toHaveLength(33);
    expect(nodes('Organisation', { kind: 'CCG' }).map((n) => n.key)).toContain('07M');
    expect(nodes('Organisation', { kind: 'NHS_TRUST' }).map((n) => n.key)).toContain('R1H');
    const nwl = nodes('Area', { level: 'FOOTPRINT' }).find((f) => f.key === 'E54000027');
    expect(nwl?.properties).toMatchObject({
      name: 'North West London',
      odsCode: 'QRV',
      partnershipName: 'North West London Health and Care Partnership',
    });
    expect(links('ORGANISATION_COVERS').some((r) => r.from.key === 'QRV' && r.to.key === 'E54000027')).toBe(true);
  });

  it('credits each reference file it uses', () => {
    const sources = nodes('SourceDocument');
    expect(sources).toHaveLength(7);
    expect(
      sources.every(
        (s) => typeof s.properties.attribution === 'string' && (s.properties.attribution as string).length > 10,
      ),
    ).toBe(true);
  });
});
