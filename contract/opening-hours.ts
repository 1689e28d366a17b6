// A service's opening hours as people read them: the days in order, a day's sessions together, consecutive days with
// the same times as one row ("Monday to Friday"), times written as GOV.UK's style guide asks (9am to 5:30pm, midday),
// in English or Welsh. Shared by the directory widget and the plain pages, so both say the same.
import type { Strings } from './strings.js';

/** The days of the week as the API names them, Monday first as British calendars are. */
export const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Day = (typeof DAYS)[number];

/** One opening of a service as the API gives it (Service.openingHours). */
export interface OpeningHours {
  day: Day | null;
  /** Local clock times, 24-hour HH:MM. */
  opens: string | null;
  closes: string | null;
  /** 1 to 5, or -1 for the last: only that week's day of each month. */
  weekOfMonth: number | null;
  /** 2 for fortnightly, and so on. */
  everyWeeks: number | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
}

export interface OpeningRow {
  /** "Monday", "Monday to Friday", "Saturday and Sunday". */
  days: string;
  times: string;
  note: string;
}

export interface OpeningTimes {
  /** Rows of days, Monday first. */
  rows: OpeningRow[];
  /** What the service publishes without a day of the week (a description, days of the month). */
  other: string[];
}

/** Times and notes of one opening, as its row says them. */
function timesOf(hours: OpeningHours, t: Strings): { times: string; note: string } {
  const o = t.openingHours;
  const opens = hours.opens ? clockTime(hours.opens, t) : '';
  const closes = hours.closes ? clockTime(hours.closes, t) : '';
  const times = opens && closes ? o.range(opens, closes) : opens ? o.from(opens) : closes ? o.until(closes) : '';
  const validity =
    hours.validFrom && hours.validTo
      ? o.validBetween(t.date(hours.validFrom), t.date(hours.validTo))
      : hours.validFrom
        ? o.validFrom(t.date(hours.validFrom))
        : hours.validTo
          ? o.validTo(t.date(hours.validTo))
          : '';
  const note = [
    hours.weekOfMonth ? o.weekOfMonth(hours.weekOfMonth) : '',
    hours.everyWeeks && hours.everyWeeks > 1 ? o.everyWeeks(hours.everyWeeks) : '',
    validity,
    hours.note ?? '',
  ].filter(Boolean);
  return { times, note: note.join('. ') };
}

/**
 * The rows to show. A day with several sessions is one row ("9am to midday and 1pm to 5pm"); days in a row with the
 * same times and notes are one row, as GOV.UK writes "Monday to Friday, 9am to 5pm".
 */
export function openingTimes(hours: readonly OpeningHours[] | null | undefined, t: Strings): OpeningTimes {
  const o = t.openingHours;
  const byDay = new Map<Day, { times: string[]; notes: string[] }>();
  const other: string[] = [];
  for (const entry of hours ?? []) {
    const { times, note } = timesOf(entry, t);
    if (!entry.day) {
      const text = [times, note].filter(Boolean).join('. ');
      if (text) other.push(text);
      continue;
    }
    const day = byDay.get(entry.day) ?? { times: [], notes: [] };
    day.times.push(times || o.timesNotGiven);
    if (note && !day.notes.includes(note)) day.notes.push(note);
    byDay.set(entry.day, day);
  }
  const days = DAYS.filter((d) => byDay.has(d)).map((d) => ({
    index: DAYS.indexOf(d),
    times: joinSessions(byDay.get(d)!.times, t),
    note: byDay.get(d)!.notes.join('. '),
  }));
  const rows: OpeningRow[] = [];
  for (let start = 0; start < days.length; ) {
    let end = start;
    while (
      end + 1 < days.length &&
      days[end + 1]!.index === days[end]!.index + 1 &&
      days[end + 1]!.times === days[start]!.times &&
      days[end + 1]!.note === days[start]!.note
    )
      end++;
    const name = (index: number) => o.days[DAYS[index]!] ?? DAYS[index]!;
    const first = name(days[start]!.index);
    const last = name(days[end]!.index);
    rows.push({
      days: end === start ? first : end === start + 1 ? o.dayPair(first, last) : o.dayRange(first, last),
      times: days[start]!.times,
      note: days[start]!.note,
    });
    start = end + 1;
  }
  return { rows, other };
}

/** A day's sessions in one phrase: "9am to midday and 1pm to 5pm", "a, b and c". */
function joinSessions(sessions: readonly string[], t: Strings): string {
  if (sessions.length < 2) return sessions[0] ?? '';
  return t.openingHours.and(sessions.slice(0, -1).join(', '), sessions.at(-1)!);
}

/**
 * A clock time (HH:MM, 24-hour) as GOV.UK's style guide writes it: 9am (not 9:00am), 5:30pm (not 1730), and the
 * language's words for midday and midnight (not 12pm or 00:00). GOV.UK's Welsh pages write am and pm as well.
 */
export function clockTime(hhmm: string, t: Strings): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  if (m === 0 && (h === 0 || h === 24)) return t.openingHours.midnight;
  if (m === 0 && h === 12) return t.openingHours.midday;
  return `${h % 12 || 12}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}`;
}
