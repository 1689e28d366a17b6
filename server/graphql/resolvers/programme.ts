// The action-plan side's fields that reshape what they follow: partners with their roles, leads with their parts, an
// action's programme through its workstream, a target's readings in date order and its progress.
import { en } from '../../../contract/strings.js';
import { timingOf } from '../../../contract/timing.js';
import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { Label as L, Rel } from '../../../schema/graph.js';
import { Action, Programme, Target, TargetReading } from '../../../schema/graphql/index.js';
import { Lead, Partnership, partnership } from '../../../schema/graphql/links.js';
import { passageOf } from '../../../schema/graphql/passage.js';
import { LINKS, linkSpec } from '../../../schema/model.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { follow, linked, linkedOne } from './support.js';

export const PARTNERS = linkSpec(L.Programme, Rel.PARTNER_IN, 'in', [L.Organisation]);
export const LEADS = linkSpec(L.Action, Rel.LED_BY, 'out', [L.Role, L.Person, L.Organisation]);
const OWN_PROGRAMME = linkSpec(L.Action, Rel.HAS_ACTION, 'in', [L.Programme]);
const READINGS = linkSpec(L.Target, Rel.HAS_READING, 'out', [L.TargetReading]);
/** A programme's own actions first, then each workstream's in order, in one query for all programmes. */
export const ALL_ACTIONS = LINKS.Programme.actions!;
const DONE = new Set(['COMPLETED', 'CANCELLED']);

/** Today as an ISO date; an action due in a month is overdue once that month has passed. */
export function isOverdue(action: GraphNode, today = new Date().toISOString().slice(0, 10)): boolean {
  const due = action.dueDate;
  if (typeof due !== 'string' || DONE.has(String(action.status))) return false;
  return due.length === 7 ? `${due}-31` < today : due < today;
}

/**
 * Whether an action was already late on the date its document speaks from: null when the document bears no date.
 * A document dated by a month (2017-06) is read as its first day, so an action due that month is not yet late.
 */
export function wasOverdueAsOf(action: GraphNode, asOf: unknown): boolean | null {
  if (typeof action.dueDate !== 'string' || DONE.has(String(action.status))) return false;
  if (typeof asOf !== 'string') return null;
  return isOverdue(action, asOf.length === 7 ? `${asOf}-01` : asOf);
}

/** The programme an action belongs to, directly or through its workstream, through the request's loaders. */
async function programmeOf(ctx: Context, action: GraphNode): Promise<GraphNode | null> {
  const direct = await linkedOne(ctx, action, OWN_PROGRAMME);
  if (direct) return direct;
  const workstream = await linkedOne(ctx, action, LINKS.Action.workstream!);
  return workstream ? linkedOne(ctx, workstream, LINKS.Workstream.programme!) : null;
}

@Resolver(() => Programme)
export class ProgrammeResolver {
  @FieldResolver(() => [Partnership], { description: 'The organisations taking part, with their roles.' })
  async partners(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    const links = await follow(ctx, programme, PARTNERS);
    return links.map((l) => partnership(l.rel, l.node, programme));
  }
}

@Resolver(() => Action)
export class ActionResolver {
  @FieldResolver(() => Boolean, {
    description:
      'True when its due date has passed by today and its document did not record it completed or cancelled. The graph holds what the document said on its own date (lastReported): an action with no later report may have been done since, so read overdueAsOfDocument for whether it was late when the plan was written.',
  })
  overdue(@Root() action: GraphNode) {
    return isOverdue(action);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "True when its due date had already passed on the date its programme's document speaks from (Programme.asOf) and the document did not record it done; false when it was not yet due then, is done, or has no due date; null when the document bears no date.",
  })
  async overdueAsOfDocument(@Root() action: GraphNode, @Ctx() ctx: Context) {
    if (typeof action.dueDate !== 'string' || DONE.has(String(action.status))) return false;
    return wasOverdueAsOf(action, (await programmeOf(ctx, action))?.asOf);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "When its status was last reported (ISO date or month): its programme's document date (Programme.asOf), since nothing later has been recorded; null when the document bears no date.",
  })
  async lastReported(@Root() action: GraphNode, @Ctx() ctx: Context) {
    const asOf = (await programmeOf(ctx, action))?.asOf;
    return typeof asOf === 'string' ? asOf : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'How it stands in time, in British English: "Overdue when the plan was written (June 2017)", "No report since June 2017", or null when its document records it done.',
  })
  async timing(@Root() action: GraphNode, @Ctx() ctx: Context) {
    const asOf = (await programmeOf(ctx, action))?.asOf;
    return timingOf(en, {
      status: String(action.status),
      overdue: isOverdue(action),
      overdueAsOfDocument: wasOverdueAsOf(action, asOf),
      lastReported: typeof asOf === 'string' ? asOf : null,
    });
  }

  @FieldResolver(() => [Lead], { description: 'Who leads, delivers or supports it.' })
  async leads(@Root() action: GraphNode, @Ctx() ctx: Context) {
    const links = await follow(ctx, action, LEADS);
    return links.map((l) => ({
      part: l.rel.part,
      period: l.rel.period,
      shared: l.rel.shared === true,
      inferred: l.rel.inferred === true,
      inference: l.rel.inference,
      quotation: passageOf(l.rel),
      by: l.node,
    }));
  }

  @FieldResolver(() => Programme, {
    nullable: true,
    description: 'The programme it belongs to, directly or through its workstream.',
  })
  programme(@Root() action: GraphNode, @Ctx() ctx: Context) {
    return programmeOf(ctx, action);
  }
}

@Resolver(() => Target)
export class TargetResolver {
  @FieldResolver(() => [TargetReading], { description: 'Progress readings, oldest first.' })
  async readings(@Root() target: GraphNode, @Ctx() ctx: Context) {
    const readings = await linked(ctx, target, READINGS);
    return readings.sort((a, b) => String(a.date).localeCompare(String(b.date)));
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'The latest reading as a share of the target value (1 = met); null before any reading.',
  })
  async progress(@Root() target: GraphNode, @Ctx() ctx: Context) {
    const latest = (await linked(ctx, target, READINGS)).sort((a, b) =>
      String(b.date).localeCompare(String(a.date)),
    )[0];
    return latest && Number(target.value) !== 0 ? Number(latest.value) / Number(target.value) : null;
  }
}
