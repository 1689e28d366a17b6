import { describe, expect, it } from 'vitest';
import type { ImportValidationError } from '../../../schema/records.js';
import { normalisePostcode } from '../../../schema/postcodes.js';
import { parseOnspd, readOnspd } from '../../../seed/readers/onspd.js';

describe('the ONS Postcode Directory reader', () => {
  it('reads live postcodes with their centroid and local authority, leaving out terminated ones', async () => {
    const batch = await readOnspd('seed/reference/postcodes/onspd_sample.csv');
    const postcodes = batch.nodes.filter((n) => n.label === 'Postcode');
    expect(postcodes.length + batch.skipped).toBe(8048);
    expect(batch.nodes.filter((n) => n.label === 'SourceDocument').map((n) => n.properties.attribution)).toEqual([
      expect.stringMatching(/Office for National Statistics/),
    ]);
    expect(batch.skipped).toBeGreaterThan(3000);
    const se1 = batch.nodes.find((n) => n.key === 'SE1 2DL');
    expect(se1?.properties).toEqual({
      postcode: 'SE1 2DL',
      latitude: 51.498972,
      longitude: -0.071609,
      gssCode: 'E09000028',
    });
    expect(batch.nodes.find((n) => n.key === 'SE1 9ZZ')).toBeUndefined(); // terminated in December 1998
    expect(batch.relationships.find((r) => r.from.key === 'SE1 2DL' && r.type === 'IN_AREA')).toMatchObject({
      to: { key: 'E09000028' },
      optional: true,
    });
  });

  it('normalises postcodes to upper case with one space', () => {
    expect(normalisePostcode('se12dl')).toBe('SE1 2DL');
    expect(normalisePostcode('EC1A  1BB')).toBe('EC1A 1BB');
    expect(normalisePostcode('not a postcode')).toBeUndefined();
  });

  it('says which columns a header lacks, and which rows have bad coordinates', () => {
    expect(() => parseOnspd('x.csv', 'pcds,lat\nSE1 2DL,51.5\n')).toThrow(/no doterm, long columns/);
    try {
      parseOnspd(
        'x.csv',
        'pcds,doterm,lat,long,oslaua\nSE1 2DL,,51.5,-0.07,E09000028\nSE1 3QW,,north,-0.07,E09000028\n',
      );
      expect.unreachable();
    } catch (error) {
      expect((error as ImportValidationError).problems).toEqual([
        expect.objectContaining({ file: 'x.csv', row: 3, field: 'lat' }),
      ]);
    }
  });
});
