// A target's line runs from its first reading to the target at the deadline; on track means on or beyond it.
import { describe, expect, it } from 'vitest';
import { endDay, trajectoryOf } from '../../../server/graphql/trajectory.js';

const MECC = { value: 2000, unit: 'people', deadline: '2018-03-31' };

describe('target trajectories', () => {
  it('reads a month deadline as its last day', () => {
    expect(endDay('2018-02')).toBe('2018-02-28');
    expect(endDay('2016-02')).toBe('2016-02-29');
    expect(endDay('2018-03-31')).toBe('2018-03-31');
  });

  it('says why there is no line without readings or a deadline', () => {
    expect(trajectoryOf(MECC, [])).toMatchObject({
      line: [],
      onTrack: null,
      basis: expect.stringMatching(/No readings/),
    });
    expect(trajectoryOf({ value: 95 }, [{ date: '2017-06-30', value: 91 }])).toMatchObject({
      line: [],
      basis: expect.stringMatching(/no deadline/),
    });
  });

  it('judges the latest reading against the line, in the target’s direction', () => {
    const behind = trajectoryOf(MECC, [
      { date: '2017-12-31', value: 1200 },
      { date: '2017-06-30', value: 200 },
    ]);
    expect(behind.readings[0]?.date).toBe('2017-06-30');
    expect(behind.expectedAtLatest).toBeCloseTo(1408.76, 2);
    expect(behind.onTrack).toBe(false);
    // A target to bring something down: waiting times from 30 to 10 days by the end of 2018.
    const falling = trajectoryOf({ value: 10, deadline: '2018-12' }, [
      { date: '2018-01-01', value: 30 },
      { date: '2018-07-01', value: 18 },
    ]);
    expect(falling.onTrack).toBe(true);
    // Past the deadline the line holds at the target: met is on track.
    expect(
      trajectoryOf(MECC, [
        { date: '2017-06-30', value: 200 },
        { date: '2018-06-30', value: 2100 },
      ]).onTrack,
    ).toBe(true);
  });
});
