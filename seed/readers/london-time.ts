// Reads a timestamp written without an offset as Europe/London wall-clock time, by the UK's own clock-change rule.
// Plain arithmetic rather than Intl: the answer must not depend on the ICU data a Node build happens to carry.

const HOUR = 3_600_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

export interface LondonReading {
  /** The same instant in UTC, as RFC 3339 (`…Z`), which the standard's `date-time` accepts. */
  utc: string;
  /** GMT or BST, as the clocks in London showed it. */
  zone: 'GMT' | 'BST';
  /** Said when the wall-clock time happened twice (the autumn change) or never (the spring change). */
  note?: string;
}

/** The day of the month of a month's last Sunday (month 0-based). */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/** Whether a string is a wall-clock timestamp with no offset or zone, the shape this module reads. */
export function isLocalTimestamp(value: unknown): value is string {
  return typeof value === 'string' && LOCAL.test(value);
}

/**
 * The instant a London wall-clock time names. Since 1996 British Summer Time runs from 01:00 UTC on the last Sunday of
 * March to 01:00 UTC on the last Sunday of October. A time in the autumn's repeated hour is read as the first of the
 * two (BST), and one in the spring's missing hour as the clocks' GMT reading, as Temporal's "compatible" choice does;
 * both are said in `note`. Undefined for a string that is not a real date and time.
 */
export function readLondonTime(value: string): LondonReading | undefined {
  const parts = LOCAL.exec(value);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map((p) => Number(p ?? 0)) as number[];
  const millis = Number((parts[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, millis);
  const check = new Date(wall);
  // Date.UTC rolls 31 February over into March; a date that rolls over is not one the feed can have meant.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month! - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    hour! > 23 ||
    minute! > 59 ||
    second! > 59
  )
    return undefined;
  // The changes as wall-clock times: in spring 01:00 GMT becomes 02:00 BST; in autumn 02:00 BST becomes 01:00 GMT.
  const springGap = Date.UTC(year!, 2, lastSunday(year!, 2), 1);
  const autumnBack = Date.UTC(year!, 9, lastSunday(year!, 9), 2);
  let zone: 'GMT' | 'BST';
  let note: string | undefined;
  if (wall < springGap || wall >= autumnBack) zone = 'GMT';
  else if (wall < springGap + HOUR) {
    zone = 'GMT';
    note = 'no such time in London (the clocks went forward that night): read as GMT, an hour before BST would say';
  } else {
    zone = 'BST';
    if (wall >= autumnBack - HOUR)
      note = 'this time happened twice in London (the clocks went back that night): read as the first, in BST';
  }
  return { utc: new Date(wall - (zone === 'BST' ? HOUR : 0)).toISOString(), zone, note };
}
