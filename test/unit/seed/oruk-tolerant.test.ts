// The Open Referral UK reader's tolerance: each deviation real feeds carry is read with a warning, or refused with --strict.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportValidationError, type GraphBatch } from '../../../schema/records.js';
import { readLondonTime } from '../../../seed/readers/london-time.js';
import { readOruk } from '../../../seed/readers/oruk.js';

const TOLERANT = 'test/fixtures/oruk/tolerant';
const file = (name: string) => path.join(TOLERANT, name);
const service = (batch: GraphBatch, id: string) => batch.nodes.find((n) => n.label === 'Service' && n.id === id)!;
const warningsOf = (batch: GraphBatch, id: string) =>
  (batch.warnings ?? []).filter((w) => w.record === `service ${id}`).map((w) => [w.field, w.message]);
const strictProblems = async (name: string) => {
  const error = await readOruk(file(name), { strict: true }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ImportValidationError);
  return (error as ImportValidationError).problems.map((p) => p.field);
};

describe('London wall-clock time without an offset', () => {
  it('reads a summer time as BST and a winter one as GMT', () => {
    expect(readLondonTime('2025-09-02T12:06:15.654')).toEqual({ utc: '2025-09-02T11:06:15.654Z', zone: 'BST' });
    expect(readLondonTime('2025-01-15T09:30:00')).toEqual({ utc: '2025-01-15T09:30:00.000Z', zone: 'GMT' });
  });

  it('changes on the last Sundays of March and October, at 01:00 UTC', () => {
    // 2025: clocks forward on 30 March, back on 26 October.
    expect(readLondonTime('2025-03-30T00:59:59')?.zone).toBe('GMT');
    expect(readLondonTime('2025-03-30T02:00:00')).toEqual({ utc: '2025-03-30T01:00:00.000Z', zone: 'BST' });
    expect(readLondonTime('2025-10-26T00:59:00')).toEqual({ utc: '2025-10-25T23:59:00.000Z', zone: 'BST' });
    expect(readLondonTime('2025-10-26T02:00:00')).toEqual({ utc: '2025-10-26T02:00:00.000Z', zone: 'GMT' });
    // 2024: forward on 31 March, so 30 March is still GMT.
    expect(readLondonTime('2024-03-30T12:00')?.zone).toBe('GMT');
    expect(readLondonTime('2024-03-31T12:00')?.zone).toBe('BST');
  });

  it('says when the time happened twice or never, and refuses dates that do not exist', () => {
    const twice = readLondonTime('2025-10-26T01:30:00');
    expect(twice).toMatchObject({ utc: '2025-10-26T00:30:00.000Z', zone: 'BST' });
    expect(twice?.note).toMatch(/twice/);
    const never = readLondonTime('2025-03-30T01:30:00');
    expect(never).toMatchObject({ utc: '2025-03-30T01:30:00.000Z' });
    expect(never?.note).toMatch(/no such time/);
    expect(readLondonTime('2025-02-30T10:00:00')).toBeUndefined();
    expect(readLondonTime('2025-09-02T24:00:00')).toBeUndefined();
  });
});

describe('reading real-world Open Referral UK feeds', () => {
  it('reads timestamps without a time zone as London time, with a warning per service', async () => {
    expect(await strictProblems('local-timestamps.json')).toEqual(['last_modified', 'last_modified']);
    const batch = await readOruk(file('local-timestamps.json'));
    const summer = '7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a01';
    const winter = '7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a02';
    expect(JSON.parse(String(service(batch, summer).properties.oruk)).last_modified).toBe('2025-09-02T11:06:15.654Z');
    expect(JSON.parse(String(service(batch, winter).properties.oruk)).last_modified).toBe('2025-01-15T09:30:00.000Z');
    expect(warningsOf(batch, summer)).toEqual([
      [
        'last_modified',
        '2025-09-02T12:06:15.654 has no time zone: read as Europe/London time (BST, +01:00), stored as 2025-09-02T11:06:15.654Z',
      ],
    ]);
    expect(warningsOf(batch, winter)[0]?.[1]).toMatch(/\(GMT, \+00:00\), stored as 2025-01-15T09:30:00.000Z$/);
    expect(batch.warnings?.every((w) => w.file === file('local-timestamps.json') && w.row !== undefined)).toBe(true);
  });

  it('keeps vendor fields on the record as sent, saying so for each', async () => {
    const batch = await readOruk(file('vendor-fields.json'));
    const id = '7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a03';
    expect(JSON.parse(String(service(batch, id).properties.oruk))).toEqual({
      lgd_service_type: 'community',
      'x-placecube-rank': 4,
      ext_outcomes: { referrals: 12 },
    });
    expect(warningsOf(batch, id).map(([field]) => field)).toEqual([
      'lgd_service_type',
      'x-placecube-rank',
      'ext_outcomes',
    ]);
    expect(warningsOf(batch, id)[0]?.[1]).toMatch(/kept on the record as JSON and served back/);
  });

  it('turns HTML in names and descriptions into text, saying so for each field', async () => {
    const batch = await readOruk(file('html-descriptions.json'));
    const id = '7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a04';
    expect(service(batch, id).properties).toMatchObject({
      name: 'Alcohol advice line',
      description: expect.stringMatching(/^Free, confidential advice & support\.\s+\* Phone\s+\* Web chat$/),
    });
    expect(warningsOf(batch, id).map(([field]) => field)).toEqual(['name', 'description']);
  });

  it("reads HSDS 3.0's names, numbers sent as text and a status in capitals into the UK profile's", async () => {
    expect((await strictProblems('hsds-names.json')).sort()).toEqual(
      [
        'minimum_age',
        'service_at_locations.0.location.latitude',
        'service_at_locations.0.location.longitude',
        'status',
      ].sort(),
    );
    const batch = await readOruk(file('hsds-names.json'));
    const id = '7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a05';
    expect(service(batch, id).properties).toMatchObject({ minimumAge: 16 });
    expect(JSON.parse(String(service(batch, id).properties.oruk))).toEqual({ fees: 'Free' });
    expect(batch.nodes.find((n) => n.label === 'Location')?.properties).toMatchObject({
      latitude: 51.5033,
      longitude: -0.1196,
    });
    expect(
      warningsOf(batch, id)
        .map(([field]) => field)
        .sort(),
    ).toEqual(
      [
        'fees_description',
        'status',
        'minimum_age',
        'service_at_locations.0.location.latitude',
        'service_at_locations.0.location.longitude',
      ].sort(),
    );
  });

  it('refuses what cannot be read without guessing, with the reason, strict or not', async () => {
    const error = await readOruk(file('unreadable.json')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportValidationError);
    expect((error as ImportValidationError).problems.map((p) => [p.row, p.field, p.message])).toEqual([
      [1, 'last_modified', 'service 7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a06: last_modified must match format "date-time"'],
      [2, 'status', 'service 7c2f8d4e-1a6b-4e1c-8f3a-5d9e0b1c2a07: status must be equal to one of the allowed values'],
    ]);
  });

  it("warns about nothing in the standard's own examples", async () => {
    for (const example of ['examples/service_full.json', 'examples/service_list.json'])
      expect((await readOruk(path.join('test/fixtures/oruk', example))).warnings).toBeUndefined();
  });
});
