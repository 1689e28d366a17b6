// Root queries: a node by id, one record of a concept by id or key, and paged lists of the main concepts.
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Label } from '../../../schema/graph.js';
import { Connection } from '../../../schema/graphql/connection.js';
import { AreaLevelEnum, OrganisationKindEnum } from '../../../schema/graphql/enums.js';
import {
  Action,
  Area,
  Event,
  Organisation,
  Programme,
  Resource,
  Role,
  Service,
  StakeholderGroup,
  Topic,
} from '../../../schema/graphql/index.js';
import { Node } from '../../../schema/graphql/node.js';
import { countNodes, listNodes, type GraphNode, type ListFilter } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { checkId, lazyConnection, lookup, paging } from './support.js';

const OrganisationConnection = Connection(Organisation);
const AreaConnection = Connection(Area);
const ProgrammeConnection = Connection(Programme);
const ServiceConnection = Connection(Service);
const ResourceConnection = Connection(Resource);
const TopicConnection = Connection(Topic);

const ID_ARG = { nullable: true, description: "The record's id." } as const;
const KEY_ARG = { nullable: true, description: "The record's natural key (an ODS or GSS code, or a slug)." } as const;
const FIRST_ARG = { nullable: true, description: 'How many items to return: 1 to 100, 20 if not given.' } as const;
const AFTER_ARG = {
  nullable: true,
  description: 'Return the items after this cursor (pageInfo.endCursor of the page before).',
} as const;

async function page(ctx: Context, label: Label, filter: ListFilter, first?: number | null, after?: string | null) {
  const { offset, limit } = paging(first, after);
  const { nodes, hasMore } = await listNodes(ctx.db, label, filter, offset, limit);
  return lazyConnection<GraphNode>(nodes, offset, hasMore, () => countNodes(ctx.db, label, filter));
}

@Resolver()
export class LookupResolver {
  @Query(() => Node, { nullable: true, description: 'Any record by its id; null when there is none.' })
  async node(
    @Arg('id', () => ID, { description: "The record's id." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<GraphNode | null> {
    checkId(id);
    return ctx.loaders.node.load(id);
  }

  @Query(() => Organisation, {
    description:
      'One organisation, by id or key (ODS code for NHS bodies, GSS code for councils). NOT_FOUND when there is none.',
  })
  organisation(
    @Arg('id', () => ID, ID_ARG) id: string | undefined,
    @Arg('key', () => String, KEY_ARG) key: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return lookup(ctx, Label.Organisation, id, key);
  }

  @Query(() => Area, {
    description:
      'One area, by id or key (GSS code for boroughs, 2017/18 ONS code for footprints, ODS code for regions).',
  })
  area(
    @Arg('id', () => ID, ID_ARG) id: string | undefined,
    @Arg('key', () => String, KEY_ARG) key: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return lookup(ctx, Label.Area, id, key);
  }

  @Query(() => Programme, { description: 'One programme, by id or key.' })
  programme(
    @Arg('id', () => ID, ID_ARG) id: string | undefined,
    @Arg('key', () => String, KEY_ARG) key: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return lookup(ctx, Label.Programme, id, key);
  }

  @Query(() => Action, { description: 'One action, by id or key.' })
  action(
    @Arg('id', () => ID, ID_ARG) id: string | undefined,
    @Arg('key', () => String, KEY_ARG) key: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return lookup(ctx, Label.Action, id, key);
  }

  @Query(() => Service, { description: 'One service, by id or key.' })
  service(
    @Arg('id', () => ID, ID_ARG) id: string | undefined,
    @Arg('key', () => String, KEY_ARG) key: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return lookup(ctx, Label.Service, id, key);
  }

  @Query(() => Resource, { description: 'One resource, by id or key.' })
  resource(
    @Arg('id', () => ID, ID_ARG) id: string | undefined,
    @Arg('key', () => String, KEY_ARG) key: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return lookup(ctx, Label.Resource, id, key);
  }

  @Query(() => Topic, { description: 'One topic, by id or key.' })
  topic(
    @Arg('id', () => ID, ID_ARG) id: string | undefined,
    @Arg('key', () => String, KEY_ARG) key: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return lookup(ctx, Label.Topic, id, key);
  }

  @Query(() => Event, { description: 'One event or community of practice, by id or key.' })
  event(
    @Arg('id', () => ID, ID_ARG) id: string | undefined,
    @Arg('key', () => String, KEY_ARG) key: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return lookup(ctx, Label.Event, id, key);
  }

  @Query(() => Role, { description: 'One role, by id or key.' })
  role(
    @Arg('id', () => ID, ID_ARG) id: string | undefined,
    @Arg('key', () => String, KEY_ARG) key: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return lookup(ctx, Label.Role, id, key);
  }

  @Query(() => StakeholderGroup, { description: 'One stakeholder group, by id or key.' })
  stakeholderGroup(
    @Arg('id', () => ID, ID_ARG) id: string | undefined,
    @Arg('key', () => String, KEY_ARG) key: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return lookup(ctx, Label.StakeholderGroup, id, key);
  }

  @Query(() => OrganisationConnection, { description: 'Organisations, by name, optionally of one kind.' })
  organisations(
    @Arg('kind', () => OrganisationKindEnum, { nullable: true, description: 'Only organisations of this kind.' }) kind:
      | string
      | undefined,
    @Arg('first', () => Int, FIRST_ARG) first: number | undefined,
    @Arg('after', () => String, AFTER_ARG) after: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return page(ctx, Label.Organisation, { equals: { kind: kind ?? undefined } }, first, after);
  }

  @Query(() => AreaConnection, { description: 'Areas, by name, optionally of one level and within another area.' })
  async areas(
    @Arg('level', () => AreaLevelEnum, { nullable: true, description: 'Only areas of this level.' }) level:
      | string
      | undefined,
    @Arg('within', () => ID, {
      nullable: true,
      description: 'Only areas inside the area with this id (the boroughs of a footprint).',
    })
    within: string | undefined,
    @Arg('first', () => Int, FIRST_ARG) first: number | undefined,
    @Arg('after', () => String, AFTER_ARG) after: string | undefined,
    @Ctx() ctx: Context,
  ) {
    if (within != null) checkId(within, 'within');
    return page(
      ctx,
      Label.Area,
      { equals: { level: level ?? undefined }, withinArea: within ?? undefined },
      first,
      after,
    );
  }

  @Query(() => ProgrammeConnection, { description: 'Programmes, by name.' })
  programmes(
    @Arg('first', () => Int, FIRST_ARG) first: number | undefined,
    @Arg('after', () => String, AFTER_ARG) after: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return page(ctx, Label.Programme, {}, first, after);
  }

  @Query(() => ServiceConnection, { description: 'Services, by name. For searching and filtering, use search.' })
  services(
    @Arg('first', () => Int, FIRST_ARG) first: number | undefined,
    @Arg('after', () => String, AFTER_ARG) after: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return page(ctx, Label.Service, {}, first, after);
  }

  @Query(() => ResourceConnection, { description: 'Resources, by name. For searching and filtering, use search.' })
  resources(
    @Arg('first', () => Int, FIRST_ARG) first: number | undefined,
    @Arg('after', () => String, AFTER_ARG) after: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return page(ctx, Label.Resource, {}, first, after);
  }

  @Query(() => TopicConnection, { description: 'The topics of the taxonomy, by name.' })
  topics(
    @Arg('first', () => Int, FIRST_ARG) first: number | undefined,
    @Arg('after', () => String, AFTER_ARG) after: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return page(ctx, Label.Topic, {}, first, after);
  }
}
