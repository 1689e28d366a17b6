// A service's opening hours read from the Open Referral UK schedules its import kept: weekly days with their times,
// a day of each month, fortnightly, the dates they hold between and the publisher's own words, in the week's order.
import { DAYS, type Day, type OpeningHours } from '../../contract/opening-hours.js';

/** RFC 5545's two-letter days, as byday writes them (MO, TU, ... and 2MO, -1FR in monthly rules). */
const RRULE_DAYS: Record<string, Day> = {
  MO: 'MONDAY',
  TU: 'TUESDAY',
  WE: 'WEDNESDAY',
  TH: 'THURSDAY',
  FR: 'FRIDAY',
  SA: 'SATURDAY',
  SU: 'SUNDAY',
};

/** A schedule as ORUK 3.0 and HSDS 3.0 write it, and ORUK 1's regular_schedules (weekday, Monday or 1 to 7). */
interface Schedule {
  byday?: unknown;
  weekday?: unknown;
  freq?: unknown;
  interval?: unknown;
  opens_at?: unknown;
  closes_at?: unknown;
  valid_from?: unknown;
  valid_to?: unknown;
  until?: unknown;
  description?: unknown;
  notes?: unknown;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * A clock time as HH:MM, or null when it is not one. Seconds and an offset are dropped: opening hours are the local
 * clock's (9am in winter and in summer alike), which feeds write as "09:00:00", "09:00" or, as the schema asks,
 * "09:00Z"; moving a recurring time by an offset would shift it by an hour for half the year.
 */
function clock(value: unknown): string | null {
  const match =
    typeof value === 'string'
      ? /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim())
      : null;
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return null;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

/** An ISO date (the part before any time), or null. */
function date(value: unknown): string | null {
  const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})/.exec(value.trim()) : null;
  return match ? match[1]! : null;
}

/** The day a weekday of ORUK 1 names: Monday, MON, MO, or 1 (Monday) to 7 (Sunday). */
function weekday(value: unknown): Day | undefined {
  const word = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (/^[1-7]$/.test(word)) return DAYS[Number(word) - 1];
  return RRULE_DAYS[word] ?? (word.length >= 3 ? DAYS.find((d) => d.startsWith(word)) : undefined);
}

/** The openings one schedule describes: one per day it names, or one without a day when it names none it can read. */
function openingsOf(schedule: Schedule): OpeningHours[] {
  const notes = [text(schedule.description), text(schedule.notes)].filter((n): n is string => n !== null);
  const base = {
    opens: clock(schedule.opens_at),
    closes: clock(schedule.closes_at),
    validFrom: date(schedule.valid_from),
    validTo: date(schedule.valid_to) ?? date(schedule.until),
    note: notes.length > 0 ? [...new Set(notes)].join(' ') : null,
  };
  const monthly = typeof schedule.freq === 'string' && schedule.freq.toUpperCase() === 'MONTHLY';
  const interval = Number(schedule.interval);
  const everyWeeks = !monthly && Number.isInteger(interval) && interval > 1 ? interval : null;
  const days: { day: Day; weekOfMonth: number | null }[] = [];
  const byday = text(schedule.byday);
  if (byday) {
    for (const part of byday.toUpperCase().split(',')) {
      const rule = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(part.trim());
      // A monthly rule's day without its week ("MO" alone) is every Monday of the month: every week.
      if (rule) days.push({ day: RRULE_DAYS[rule[2]!]!, weekOfMonth: monthly && rule[1] ? Number(rule[1]) : null });
    }
  } else {
    const day = weekday(schedule.weekday);
    if (day) days.push({ day, weekOfMonth: null });
  }
  if (days.length === 0) return [{ ...base, day: null, weekOfMonth: null, everyWeeks }];
  return days.map(({ day, weekOfMonth }) => ({ ...base, day, weekOfMonth, everyWeeks }));
}

/**
 * The opening hours in the schedules kept from a service's import (its `oruk` JSON): `schedules` (ORUK 3.0, HSDS 3.0)
 * and `regular_schedules` (ORUK 1), Monday first, each day's sessions by opening time, then those without a day.
 * Nothing readable (no JSON, no schedules, or schedules that say nothing) is an empty list: not published.
 */
export function openingHoursOf(orukJson: unknown): OpeningHours[] {
  if (typeof orukJson !== 'string') return [];
  let kept: unknown;
  try {
    kept = JSON.parse(orukJson);
  } catch {
    return [];
  }
  if (!kept || typeof kept !== 'object') return [];
  const record = kept as { schedules?: unknown; regular_schedules?: unknown };
  const schedules = [record.schedules, record.regular_schedules]
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .filter((s): s is Schedule => s !== null && typeof s === 'object');
  const order = (h: OpeningHours) => (h.day ? DAYS.indexOf(h.day) : DAYS.length);
  return schedules
    .flatMap(openingsOf)
    .filter((h) => h.day || h.opens || h.closes || h.note)
    .sort((a, b) => order(a) - order(b) || (a.opens ?? '').localeCompare(b.opens ?? ''));
}
