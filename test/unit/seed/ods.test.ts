import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ImportValidationError } from '../../../schema/records.js';
import { parseOds, readOds } from '../../../seed/readers/ods.js';

const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected an ImportValidationError');
};

describe('the NHS ODS reader', () => {
  it('reads the real etr extract as NHS trusts with readable names, addresses and dates', async () => {
    const batch = await readOds('seed/reference/ods/etr.csv');
    expect(batch.nodes).toHaveLength(227);
    expect(batch.nodes.every((n) => n.properties.kind === 'NHS_TRUST')).toBe(true);
    const barts = batch.nodes.find((n) => n.key === 'R1H');
    expect(barts?.properties).toMatchObject({
      name: 'Barts Health NHS Trust',
      odsCode: 'R1H',
      postcode: 'E1 2ES',
      town: 'London',
      openDate: '2012-04-01',
    });
    expect(batch.relationships.find((r) => r.from.key === 'R1H')).toMatchObject({
      type: 'BASED_IN',
      to: { label: 'Area', key: 'Y56' },
      optional: true,
    });
  });

  it('reads eccg as CCGs and epraccur as GP practices linked to their CCG', async () => {
    const ccgs = await readOds('seed/reference/ods/eccg.csv');
    expect(ccgs.nodes.find((n) => n.key === '07M')?.properties).toMatchObject({ kind: 'CCG', name: 'NHS Barnet CCG' });
    const practices = await readOds('seed/reference/ods/epraccur.csv');
    expect(practices.nodes.length).toBeGreaterThan(12_000);
    const densham = practices.nodes.find((n) => n.key === 'A81001');
    expect(densham?.properties).toMatchObject({
      kind: 'GP_PRACTICE',
      name: 'The Densham Surgery',
      postcode: 'TS18 1HU',
    });
    expect(practices.relationships.find((r) => r.from.key === 'A81001')).toMatchObject({
      type: 'ORGANISATION_PART_OF',
      to: { key: '00K' },
      optional: true,
    });
  });

  it('keeps only the rows asked for', async () => {
    const london = await readOds('seed/reference/ods/etr.csv', { include: (row) => row.nationalGrouping === 'Y56' });
    const expected =
      (await readFile('seed/reference/ods/london_nhs_trusts_2022-01.csv', 'utf8')).trim().split('\n').length - 1;
    expect(london.nodes).toHaveLength(expected);
  });

  it('reports every malformed row with file, row, field and fix, not just the first', () => {
    const good =
      'R1H,BARTS HEALTH NHS TRUST,Y56,QMF,THE ROYAL LONDON HOSPITAL,80 NEWARK STREET,,LONDON,,E1 2ES,20120401,,,,,,,,,,,0,,A';
    const text = [
      good,
      'r 1h,NAME,Y56,QMF,,,,,,,20120401,,,,,,,,,,,0,,A',
      'R1J,,Y56',
      good.replace('R1H', 'R1K').replace('20120401', '20121340'),
      good,
    ].join('\n');
    const problems = problemsOf(() => parseOds('etr.csv', text));
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'Organisation Code'],
      [3, 'row'],
      [4, 'Open Date'],
      [5, 'Organisation Code'],
    ]);
    expect(problems[3]?.message).toMatch(/R1H is also on row 1/);
    expect(problems.every((p) => p.file === 'etr.csv' && p.fix.length > 0)).toBe(true);
  });

  it('asks for the kind when the file name does not tell it', () => {
    expect(problemsOf(() => parseOds('extract.csv', ''))[0]?.fix).toMatch(/--kind/);
    expect(
      parseOds('extract.csv', 'ABC,SOME HOSPICE,Y56,QMF,,,,,,,,,,,,,,,,,,0,,', { kind: 'OTHER' }).nodes[0]?.properties
        .kind,
    ).toBe('OTHER');
  });
});
