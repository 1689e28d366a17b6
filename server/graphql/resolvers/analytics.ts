// Partnership analytics: networks around a record, shortest paths, the best-connected partners and coverage gaps.
import { getArgumentValues, type GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Label as L } from '../../../schema/graph.js';
import { PartnershipRoleEnum } from '../../../schema/graphql/enums.js';
import { Action, Area, Programme } from '../../../schema/graphql/index.js';
import {
  ActionPlan,
  ConnectedPartner,
  ConnectednessEnum,
  LeadLoad,
  Network,
  NetworkNode,
} from '../../../schema/graphql/network.js';
import { toGraphNode, type GraphNode } from '../../database/nodes.js';
import {
  coverageGaps,
  MAX_DEPTH,
  MAX_PLAN_LIST,
  MAX_RANKED_MEMBERS,
  networkAround,
  NetworkTooLargeError,
  shortestPartnershipPath,
} from '../../database/network.js';
import { projectionOf } from '../network-projection.js';
import { ErrorCode } from '../../../schema/errors.js';
import type { Context } from '../context.js';
import { measureInArea } from './off-thread.js';
import { checkId, clientError } from './support.js';

async function organisationById(ctx: Context, id: string, argument: string): Promise<GraphNode> {
  checkId(id, argument);
  const node = await ctx.loaders.node.load(id);
  if (!node || node.__label !== L.Organisation)
    throw clientError(ErrorCode.NOT_FOUND, `No organisation has id ${id}.`, { argument });
  return node;
}

@Resolver()
export class AnalyticsResolver {
  @Query(() => Network, {
    description:
      'The partnership network around an organisation or programme: who takes part in what, to the given depth.',
  })
  async network(
    @Arg('around', () => ID, { description: 'Id of the organisation or programme at the centre.' }) around: string,
    @Arg('depth', () => Int, {
      defaultValue: 2,
      description: `Steps out from the centre, 1 to ${MAX_DEPTH}: organisation → programme is one step, programme → its partners two.`,
    })
    depth: number,
    @Arg('roles', () => [PartnershipRoleEnum], { nullable: true, description: 'Only partnerships with these roles.' })
    roles: string[] | null | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    checkId(around, 'around');
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH)
      throw clientError(ErrorCode.BAD_USER_INPUT, `depth must be between 1 and ${MAX_DEPTH}.`, { argument: 'depth' });
    const projection = projectionOf(info);
    const network = await networkAround(ctx.db, around, depth, roles ?? undefined, { projection }).catch(
      (error: unknown) => {
        if (!(error instanceof NetworkTooLargeError)) throw error;
        throw clientError(
          ErrorCode.BAD_USER_INPUT,
          `${error.message} Ask for a smaller depth than ${depth}, or only some roles.`,
          { argument: 'depth' },
        );
      },
    );
    if (!network)
      throw clientError(ErrorCode.NOT_FOUND, `No organisation or programme has id ${around}.`, { argument: 'around' });
    return network;
  }

  @Query(() => Network, {
    nullable: true,
    description: 'The shortest chain of shared programmes linking two organisations; null when none links them.',
  })
  async shortestPath(
    @Arg('from', () => ID, { description: 'Id of the first organisation.' }) from: string,
    @Arg('to', () => ID, { description: 'Id of the second organisation.' }) to: string,
    @Ctx() ctx: Context,
  ) {
    await Promise.all([organisationById(ctx, from, 'from'), organisationById(ctx, to, 'to')]);
    if (from === to)
      throw clientError(ErrorCode.BAD_USER_INPUT, 'from and to are the same organisation.', { argument: 'to' });
    return shortestPartnershipPath(ctx.db, from, to);
  }

  @Query(() => [ConnectedPartner], {
    description: 'The most connected partner organisations, in an area or everywhere, with degree and betweenness.',
  })
  async mostConnected(
    @Arg('area', () => String, {
      nullable: true,
      description:
        'Only programmes covering this area (its key), an area within it or an area it lies in; everywhere if not given.',
    })
    area: string | null | undefined,
    @Arg('orderBy', () => ConnectednessEnum, {
      defaultValue: 'PARTNERS',
      description: 'Rank by partners (degree) or betweenness.',
    })
    orderBy: 'PARTNERS' | 'BETWEENNESS',
    @Arg('first', () => Int, { defaultValue: 10, description: 'How many to return, 1 to 100.' }) first: number,
    @Ctx() ctx: Context,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw clientError(ErrorCode.BAD_USER_INPUT, 'first must be between 1 and 100.', { argument: 'first' });
    return measureInArea(
      ctx,
      area,
      { bound: MAX_RANKED_MEMBERS, verb: 'rank', what: 'Ranking the partners' },
      async (place, network) => (await place.mostConnected(network, orderBy)).slice(0, first),
    );
  }

  @Query(() => [Area], {
    description:
      'Boroughs of a footprint where no service about a topic is available (footprint-wide services count as available).',
  })
  async coverageGaps(
    @Arg('footprint', () => String, { description: "The footprint's key (its 2017/18 ONS code, such as E54000027)." })
    footprint: string,
    @Arg('topic', () => String, { description: "The topic's key, such as stop-smoking." }) topic: string,
    @Ctx() ctx: Context,
  ) {
    const gaps = await coverageGaps(ctx.db, footprint, topic);
    if (!gaps.found)
      throw clientError(ErrorCode.NOT_FOUND, `No area has key "${footprint}".`, { argument: 'footprint' });
    return gaps.boroughs.map((b) => toGraphNode([L.Area], b));
  }
}

@Resolver(() => NetworkNode)
export class NetworkNodeResolver {
  @FieldResolver(() => [String], {
    description: 'Keys of the STP footprints it works in: those its areas are or lie in (a region-wide body has none).',
  })
  footprints(@Root() node: NetworkNode, @Ctx() ctx: Context): Promise<string[]> {
    return ctx.loaders.footprints.load(node.id);
  }
}

@Resolver(() => Programme)
export class ActionPlanResolver {
  @FieldResolver(() => ActionPlan, {
    description: 'The action plan at a glance: actions by status, overdue, and by lead.',
  })
  async actionPlan(@Root() programme: GraphNode, @Ctx() ctx: Context) {
    // Counted in Cypher, so a plan of thousands of actions has its true totals, not those of its first page.
    const plan = await ctx.loaders.actionPlan.load(programme.id);
    return {
      total: plan?.total ?? 0,
      byStatus: [...(plan?.byStatus ?? [])].sort((a, b) => b.count - a.count || a.status.localeCompare(b.status)),
      overdueIds: plan?.overdue ?? [],
      byLead: (plan?.byLead ?? []).map(({ lead, actions }) => ({ lead, actionIds: actions })),
    };
  }
}

/** The `first` a capped list field was asked for (server/graphql/list-caps.ts gives it and checks its range). */
function firstAsked(info: GraphQLResolveInfo): number {
  const field = info.parentType.getFields()[info.fieldName]!;
  return Number(getArgumentValues(field, info.fieldNodes[0]!, info.variableValues).first ?? MAX_PLAN_LIST);
}

/** Reads only the actions a list shows: their ids came with the counts, their records only as far as `first`. */
async function actionsById(ctx: Context, ids: readonly string[], info: GraphQLResolveInfo): Promise<GraphNode[]> {
  const nodes = await ctx.loaders.node.loadMany(ids.slice(0, firstAsked(info)));
  return nodes.filter((n): n is GraphNode => n !== null && !(n instanceof Error));
}

@Resolver(() => ActionPlan)
export class ActionPlanListsResolver {
  @FieldResolver(() => [Action], { description: 'Actions past their due date and neither completed nor cancelled.' })
  overdue(@Root() plan: { overdueIds: string[] }, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return actionsById(ctx, plan.overdueIds, info);
  }
}

@Resolver(() => LeadLoad)
export class LeadLoadResolver {
  @FieldResolver(() => [Action], { description: 'The actions they lead, deliver or support.' })
  actions(@Root() load: { actionIds: string[] }, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return actionsById(ctx, load.actionIds, info);
  }
}
