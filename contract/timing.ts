// An action's time told honestly: these plans speak from their own date, so a late action is "overdue when the plan
// was written" only if it was late then; otherwise all the graph can say is that nothing was reported since.
import type { Strings } from './strings.js';

/** What the phrase needs of an action, as the API serves it. */
export interface ActionTime {
  status: string;
  overdue: boolean;
  overdueAsOfDocument: boolean | null;
  lastReported: string | null;
}

const DONE = new Set(['COMPLETED', 'CANCELLED']);

/**
 * How an action stands in time, in words, or null for one its document records as done: "Overdue when the plan was
 * written (June 2017)", "No report since June 2017", or, for a plan that bears no date, "No report since the plan".
 */
export function timingOf(t: Strings, a: ActionTime): string | null {
  if (DONE.has(a.status)) return null;
  if (a.overdueAsOfDocument) return t.overdueWhenWritten(t.date(a.lastReported));
  return a.lastReported ? t.noReportSince(t.date(a.lastReported)) : t.noReportSinceUndatedPlan;
}
