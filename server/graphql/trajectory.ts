// A target's trajectory: its readings against the straight line from the first reading to the target at the deadline.
import { along, dayTime as time, endDay, type TrajectoryPoint as Point } from '../../contract/trajectory.js';

export { endDay };

export interface Trajectory {
  target: number;
  unit?: string;
  deadline: string | null;
  readings: Point[];
  line: Point[];
  expectedAtLatest: number | null;
  onTrack: boolean | null;
  basis: string;
}

const DAY = 86_400_000;

/**
 * The trajectory of a target from its readings (any order). The baseline is the first reading, since the model holds
 * no baseline of its own and a programme's start is seldom recorded; the line is drawn only with a deadline and a
 * reading before it. On track means the latest reading is on or beyond the line in the target's direction (or has met
 * the target); with one reading there is nothing yet to judge, so null.
 */
export function trajectoryOf(
  target: { value: number; unit?: string; deadline?: string | null },
  readings: readonly Point[],
): Trajectory {
  const sorted = [...readings].sort((a, b) => a.date.localeCompare(b.date));
  const deadline = target.deadline ? endDay(target.deadline) : null;
  const base = { target: target.value, unit: target.unit, deadline, readings: sorted };
  const first = sorted[0];
  const latest = sorted.at(-1);
  if (!first || !latest)
    return {
      ...base,
      line: [],
      expectedAtLatest: null,
      onTrack: null,
      basis:
        'No readings have been recorded for this target, so there is no baseline to draw its line from. Readings come only from documents that state them.',
    };
  if (!deadline)
    return {
      ...base,
      line: [],
      expectedAtLatest: null,
      onTrack: null,
      basis: 'The target has no deadline, so there is no line to measure its readings against.',
    };
  if (time(first.date) >= time(deadline))
    return {
      ...base,
      line: [],
      expectedAtLatest: null,
      onTrack: sorted.length > 0 ? metOrPassed(first, latest, target.value) : null,
      basis: `The first reading (${first.date}) is not before the deadline (${deadline}), so no line can be drawn to it.`,
    };
  const end = { date: deadline, value: target.value };
  const expected = along(first, end, latest.date);
  const direction = Math.sign(target.value - first.value) || 1;
  const onTrack =
    sorted.length < 2
      ? null
      : (latest.value - expected) * direction >= 0 || (latest.value - target.value) * direction >= 0;
  const days = Math.round((time(deadline) - time(first.date)) / DAY);
  return {
    ...base,
    line: [first, end],
    expectedAtLatest: Math.round(expected * 100) / 100,
    onTrack,
    basis: `A straight line from the first reading (${first.value} on ${first.date}) to ${target.value}${target.unit ? ` ${target.unit}` : ''} by ${deadline}, ${days} days later.`,
  };
}

function metOrPassed(first: Point, latest: Point, target: number): boolean {
  const direction = Math.sign(target - first.value) || 1;
  return (latest.value - target) * direction >= 0;
}
