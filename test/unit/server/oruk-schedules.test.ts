// Reading opening hours from kept Open Referral UK schedules, and writing them as GOV.UK's style guide asks.
import { describe, expect, it } from 'vitest';
import { clockTime, openingTimes } from '../../../contract/opening-hours.js';
import { cy } from '../../../contract/strings-cy.js';
import { en } from '../../../contract/strings.js';
import { openingHoursOf } from '../../../server/oruk/schedules.js';

const kept = (record: object) => JSON.stringify(record);

describe('opening hours', () => {
  it('writes times as GOV.UK does: 9am, 5:30pm, midday, midnight, 12:30am, and canol dydd and hanner nos in Welsh', () => {
    const times = ['09:00', '17:30', '12:00', '00:00', '00:30', '12:15', '23:59'];
    expect(times.map((time) => clockTime(time, en))).toEqual([
      '9am',
      '5:30pm',
      'midday',
      'midnight',
      '12:30am',
      '12:15pm',
      '11:59pm',
    ]);
    expect(times.slice(2, 4).map((time) => clockTime(time, cy))).toEqual(['canol dydd', 'hanner nos']);
  });

  it('reads ORUK 1 regular_schedules and HSDS 3.0 names (until, notes), and leaves out times it cannot read', () => {
    const hours = openingHoursOf(
      kept({
        regular_schedules: [{ weekday: 'Friday', opens_at: '08:00', closes_at: '16:00' }],
        schedules: [
          {
            byday: 'MO',
            opens_at: '9am',
            closes_at: '17:00:00+01:00',
            until: '2027-03-31T00:00:00',
            notes: 'Ring first.',
          },
        ],
      }),
    );
    expect(hours).toEqual([
      expect.objectContaining({
        day: 'MONDAY',
        opens: null,
        closes: '17:00',
        validTo: '2027-03-31',
        note: 'Ring first.',
      }),
      expect.objectContaining({ day: 'FRIDAY', opens: '08:00', closes: '16:00' }),
    ]);
    expect(openingTimes(hours, en).rows).toEqual([
      { days: 'Monday', times: 'Until 5pm', note: 'Until 31 March 2027. Ring first.' },
      { days: 'Friday', times: '8am to 4pm', note: '' },
    ]);
  });

  it('joins three or more days in a row as a range, in Welsh with its mutation, and says nothing of what is not published', () => {
    const weekdays = openingHoursOf(
      kept({ schedules: [{ byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' }] }),
    );
    expect(openingTimes(weekdays, en).rows).toEqual([{ days: 'Monday to Friday', times: '9am to 5pm', note: '' }]);
    expect(openingTimes(weekdays, cy).rows[0]?.days).toBe('Dydd Llun i ddydd Gwener');
    for (const nothing of [undefined, 'not json', kept({ fees: 'Free' }), kept({ schedules: [{}] })])
      expect(openingHoursOf(nothing)).toEqual([]);
  });
});
