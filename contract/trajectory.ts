// Where a target's line is on a date: shared by the service's Target.trajectory and the programme widget's chart.

export interface TrajectoryPoint {
  date: string;
  value: number;
}

/** A date or month as the day it ends on: a target due in March 2018 is due by its last day. */
export function endDay(date: string): string {
  if (/^\d{4}-\d{2}$/.test(date)) {
    const [year, month] = date.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  }
  return date.slice(0, 10);
}

/** Milliseconds since 1970 at the start of the day a date or month ends on. */
export const dayTime = (date: string): number => Date.parse(`${endDay(date)}T00:00:00Z`);

/** Where the line from `from` to `to` is on `date`: held at its ends before and after them. */
export function along(from: TrajectoryPoint, to: TrajectoryPoint, date: string): number {
  const span = dayTime(to.date) - dayTime(from.date);
  if (span <= 0) return to.value;
  const share = Math.min(1, Math.max(0, (dayTime(date) - dayTime(from.date)) / span));
  return from.value + share * (to.value - from.value);
}
