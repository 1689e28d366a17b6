// How a plan's cells read, shared by the widgets and the plain pages so both say the same thing in the same words.
import type { Activity } from './queries/comms-plan.js';
import type { PlanAction } from './queries/programme.js';
import type { Strings } from './strings.js';

/** When an action is due: its date, the plan's own words ("by end of Q3"), or how often it recurs. */
export const dueOf = (t: Strings, a: PlanAction): string =>
  t.date(a.dueDate) || a.dueText || (a.recurrence ? (t.recurrences[a.recurrence] ?? '') : '') || '–';

/** Who leads an action, with the part each plays when it is not the lead. */
export const leadOf = (t: Strings, a: PlanAction): string =>
  a.leads.length === 0
    ? (a.leadText ?? '–')
    : a.leads
        .map((l) => (l.part === 'LEAD' ? l.by.name : `${l.by.name} (${t.leadParts[l.part] ?? l.part})`))
        .join('; ');

/** The engagement a stakeholder group needs: awareness, involvement or commitment, with any qualifier. */
export const levelsOf = (t: Strings, a: Activity): string =>
  (a.group?.needs ?? [])
    .map((n) => `${t.levels[n.level] ?? n.level}${n.qualifier ? ` (${n.qualifier})` : ''}`)
    .join(', ');

/** Who delivers an activity, and on what occasion. */
export const deliveriesOf = (a: Activity): string[] =>
  a.deliveredBy.map((d) => (d.occasion ? `${d.by.name} (${d.occasion})` : d.by.name));

/** A target's figure and deadline: "Staff trained: 2,000, by 31 March 2018". */
export const targetOf = (
  t: Strings,
  target: { metric: string; value: number; unit: string | null; deadline: string | null },
): string =>
  `${target.metric}: ${t.number(target.value)}${target.unit ? ` ${target.unit}` : ''}${target.deadline ? `, ${t.deadline(t.date(target.deadline))}` : ''}`;
