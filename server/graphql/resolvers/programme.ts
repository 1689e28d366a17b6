// A programme's relationships, and those of its workstreams, actions and targets: the action-plan side of the graph.
import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { Label as L, Rel } from '../../../schema/graph.js';
import {
  Action, Area, CommunicationActivity, Event, Programme, Resource, Service, StakeholderGroup, Target, TargetReading, Topic, Workstream,
} from '../../../schema/graphql/index.js';
import { Lead, Partnership } from '../../../schema/graphql/links.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { follow, linked, linkedOne } from './support.js';

const WORKSTREAMS = { from: L.Programme, rel: Rel.HAS_WORKSTREAM, direction: 'out', to: [L.Workstream] } as const;
/** A programme's own actions first, then each workstream's in order, in one query for all programmes. */
export const ALL_ACTIONS = { from: L.Programme, via: Rel.HAS_WORKSTREAM, rel: Rel.HAS_ACTION, direction: 'out', to: [L.Action] } as const;
const WORKSTREAM_ACTIONS = { from: L.Workstream, rel: Rel.HAS_ACTION, direction: 'out', to: [L.Action] } as const;
const READINGS = { from: L.Target, rel: Rel.HAS_READING, direction: 'out', to: [L.TargetReading] } as const;
const DONE = new Set(['COMPLETED', 'CANCELLED']);

/** Today as an ISO date; an action due in a month is overdue once that month has passed. */
export function isOverdue(action: GraphNode, today = new Date().toISOString().slice(0, 10)): boolean {
  const due = action.dueDate;
  if (typeof due !== 'string' || DONE.has(String(action.status))) return false;
  return due.length === 7 ? `${due}-31` < today : due < today;
}

@Resolver(() => Programme)
export class ProgrammeResolver {
  @FieldResolver(() => [Partnership], { description: 'The organisations taking part, with their roles.' })
  async partners(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    const links = await follow(ctx, programme, { from: L.Programme, rel: Rel.PARTNER_IN, direction: 'in', to: [L.Organisation] });
    return links.map((l) => ({ role: l.rel.role, organisation: l.node, programme }));
  }

  @FieldResolver(() => Programme, { nullable: true, description: 'The larger programme this is part of (the national MECC programme).' })
  parent(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linkedOne(ctx, programme, { from: L.Programme, rel: Rel.PROGRAMME_PART_OF, direction: 'out', to: [L.Programme] });
  }

  @FieldResolver(() => [Programme], { description: 'The programmes that are part of this one.' })
  children(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, programme, { from: L.Programme, rel: Rel.PROGRAMME_PART_OF, direction: 'in', to: [L.Programme] });
  }

  @FieldResolver(() => [Workstream], { description: 'Its workstreams and key areas, in order.' })
  workstreams(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, programme, WORKSTREAMS);
  }

  @FieldResolver(() => [Action], { description: 'All its actions: its own, then those of each workstream in order.' })
  actions(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, programme, ALL_ACTIONS);
  }

  @FieldResolver(() => [Target], { description: 'Its measurable targets.' })
  targets(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, programme, { from: L.Programme, rel: Rel.HAS_TARGET, direction: 'out', to: [L.Target] });
  }

  @FieldResolver(() => [Area], { description: 'The areas it covers.' })
  areasCovered(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, programme, { from: L.Programme, rel: Rel.PROGRAMME_COVERS, direction: 'out', to: [L.Area] });
  }

  @FieldResolver(() => [Service], { description: 'Services it signposts people to.' })
  signpostedServices(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, programme, { from: L.Programme, rel: Rel.SIGNPOSTS_TO, direction: 'out', to: [L.Service] });
  }

  @FieldResolver(() => [Topic], { description: 'Kinds of service it signposts people to (stop smoking, healthy weight).' })
  signpostedTopics(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, programme, { from: L.Programme, rel: Rel.SIGNPOSTS_TO, direction: 'out', to: [L.Topic] });
  }

  @FieldResolver(() => [Topic], { description: 'What it is about.' })
  topics(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, programme, { from: L.Programme, rel: Rel.ABOUT, direction: 'out', to: [L.Topic] });
  }

  @FieldResolver(() => [Resource], { description: 'Resources that support it.' })
  resources(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, programme, { from: L.Programme, rel: Rel.SUPPORTS, direction: 'in', to: [L.Resource] });
  }

  @FieldResolver(() => [Event], { description: 'Its events and communities of practice.' })
  events(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, programme, { from: L.Programme, rel: Rel.EVENT_OF, direction: 'in', to: [L.Event] });
  }

  @FieldResolver(() => [StakeholderGroup], { description: 'The stakeholder groups it engages; each says the engagement it needs.' })
  stakeholderGroups(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, programme, { from: L.Programme, rel: Rel.ENGAGES, direction: 'out', to: [L.StakeholderGroup] });
  }

  @FieldResolver(() => [CommunicationActivity], { description: 'Its communication plan: one activity per stakeholder group.' })
  communicationPlan(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, programme, { from: L.Programme, rel: Rel.PLANS, direction: 'out', to: [L.CommunicationActivity] });
  }
}

@Resolver(() => Workstream)
export class WorkstreamResolver {
  @FieldResolver(() => Programme, { nullable: true, description: 'The programme it belongs to.' })
  programme(@Root() workstream: GraphNode, @Ctx() ctx: Context) {
    return linkedOne(ctx, workstream, { from: L.Workstream, rel: Rel.HAS_WORKSTREAM, direction: 'in', to: [L.Programme] });
  }

  @FieldResolver(() => [Action], { description: 'Its actions or deliverables, in order.' })
  actions(@Root() workstream: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, workstream, WORKSTREAM_ACTIONS);
  }

  @FieldResolver(() => [Resource], { description: 'Resources that support it.' })
  resources(@Root() workstream: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, workstream, { from: L.Workstream, rel: Rel.SUPPORTS, direction: 'in', to: [L.Resource] });
  }
}

@Resolver(() => Action)
export class ActionResolver {
  @FieldResolver(() => Boolean, { description: 'True when its due date has passed and it is neither completed nor cancelled.' })
  overdue(@Root() action: GraphNode) {
    return isOverdue(action);
  }

  @FieldResolver(() => [Lead], { description: 'Who leads, delivers or supports it.' })
  async leads(@Root() action: GraphNode, @Ctx() ctx: Context) {
    const links = await follow(ctx, action, { from: L.Action, rel: Rel.LED_BY, direction: 'out', to: [L.Role, L.Person, L.Organisation] });
    return links.map((l) => ({ part: l.rel.part, period: l.rel.period, by: l.node }));
  }

  @FieldResolver(() => Workstream, { nullable: true, description: 'The workstream it belongs to, if any.' })
  workstream(@Root() action: GraphNode, @Ctx() ctx: Context) {
    return linkedOne(ctx, action, { from: L.Action, rel: Rel.HAS_ACTION, direction: 'in', to: [L.Workstream] });
  }

  @FieldResolver(() => Programme, { nullable: true, description: 'The programme it belongs to, directly or through its workstream.' })
  async programme(@Root() action: GraphNode, @Ctx() ctx: Context) {
    const direct = await linkedOne(ctx, action, { from: L.Action, rel: Rel.HAS_ACTION, direction: 'in', to: [L.Programme] });
    if (direct) return direct;
    const workstream = await linkedOne(ctx, action, { from: L.Action, rel: Rel.HAS_ACTION, direction: 'in', to: [L.Workstream] });
    return workstream ? linkedOne(ctx, workstream, { from: L.Workstream, rel: Rel.HAS_WORKSTREAM, direction: 'in', to: [L.Programme] }) : null;
  }

  @FieldResolver(() => [Target], { description: 'The targets it works towards.' })
  targets(@Root() action: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, action, { from: L.Action, rel: Rel.HAS_TARGET, direction: 'out', to: [L.Target] });
  }

  @FieldResolver(() => [Topic], { description: 'What it is about.' })
  topics(@Root() action: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, action, { from: L.Action, rel: Rel.ABOUT, direction: 'out', to: [L.Topic] });
  }
}

@Resolver(() => Target)
export class TargetResolver {
  @FieldResolver(() => [TargetReading], { description: 'Progress readings, oldest first.' })
  async readings(@Root() target: GraphNode, @Ctx() ctx: Context) {
    const readings = await linked(ctx, target, READINGS);
    return readings.sort((a, b) => String(a.date).localeCompare(String(b.date)));
  }

  @FieldResolver(() => Float, { nullable: true, description: 'The latest reading as a share of the target value (1 = met); null before any reading.' })
  async progress(@Root() target: GraphNode, @Ctx() ctx: Context) {
    const latest = (await linked(ctx, target, READINGS)).sort((a, b) => String(b.date).localeCompare(String(a.date)))[0];
    return latest && Number(target.value) !== 0 ? Number(latest.value) / Number(target.value) : null;
  }
}
