// Root queries: a node by id, one record of a concept by id or key, and lists of the main concepts analysts can shape.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { EventKind, EventStatus, Label, ResourceKind, ResourceStatus } from '../../../schema/graph.js';
import { Connection } from '../../../schema/graphql/connection.js';
import { AreaLevelEnum, enumOf, OrganisationKindEnum } from '../../../schema/graphql/enums.js';
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
import { Ordering, type OrderInput } from '../../../schema/graphql/ordering.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import {
  AreaArgs,
  given,
  ORDER_ARG,
  PageArgs,
  ProgrammeArgs,
  ProgrammeStatusArgs,
  ProviderArgs,
  RetiredArgs,
  TopicArgs,
} from './list-args.js';
import { checkDateRange, shapedConnection } from './lists.js';
import { lookupWithLinks, nodeWithLinks } from './prefetch.js';
import { checkId, lookup } from './support.js';

const OrganisationConnection = Connection(Organisation);
const AreaConnection = Connection(Area);
const ProgrammeConnection = Connection(Programme);
const ServiceConnection = Connection(Service);
const ResourceConnection = Connection(Resource);
const TopicConnection = Connection(Topic);
const EventConnection = Connection(Event);

const ID_ARG = { nullable: true, description: "The record's id." } as const;
const KEY_ARG = { nullable: true, description: "The record's natural key (an ODS or GSS code, or a slug)." } as const;
const BY_NAME: OrderInput = { field: 'NAME', direction: 'ASC' };
const OrganisationOrder = Ordering('Organisation', ['NAME', 'DEGREE', 'LAST_MODIFIED']);
const AreaOrder = Ordering('Area', ['NAME', 'DEGREE', 'LAST_MODIFIED']);
const ProgrammeOrder = Ordering('Programme', ['NAME', 'START_DATE', 'DEGREE', 'LAST_MODIFIED']);
const ServiceOrder = Ordering('Service', ['NAME', 'DEGREE', 'LAST_MODIFIED']);
const ResourceOrder = Ordering('Resource', ['NAME', 'DEGREE', 'LAST_MODIFIED']);
const TopicOrder = Ordering('Topic', ['NAME', 'DEGREE', 'LAST_MODIFIED']);
const EventOrder = Ordering('Event', ['DATE', 'NAME', 'DEGREE', 'LAST_MODIFIED']);
const ResourceKindEnum = enumOf(ResourceKind);
const ResourceStatusEnum = enumOf(ResourceStatus);
const EventKindEnum = enumOf(EventKind);
const EventStatusEnum = enumOf(EventStatus);

@Resolver()
export class LookupResolver {
  @Query(() => Node, { nullable: true, description: 'Any record by its id; null when there is none.' })
  async node(
    @Arg('id', () => ID, { description: "The record's id." }) id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<GraphNode | null> {
    checkId(id);
    // The links its type's fragments ask for read with it: the directory's detail in one round trip.
    return nodeWithLinks(ctx, id, info);
  }

  @Query(() => Organisation, {
    description:
      'One organisation, by id or key (ODS code for NHS bodies, GSS code for councils). NOT_FOUND when there is none.',
  })
  organisation(
    @Arg('id', () => ID, ID_ARG) id: string | undefined,
    @Arg('key', () => String, KEY_ARG) key: string | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Its profile's links (partnerships, areas and their footprints, roles, resources) read with it: one round trip.
    return lookupWithLinks(ctx, Label.Organisation, id, key, info);
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
    @Info() info: GraphQLResolveInfo,
  ) {
    // The links its selection asks for (its action plan's actions, their leads and its targets) read with it: one round trip.
    return lookupWithLinks(ctx, Label.Programme, id, key, info);
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
    @Info() info: GraphQLResolveInfo,
  ) {
    // The links its selection asks for (its provider, topics, areas and locations as asked) read with it: one round trip.
    return lookupWithLinks(ctx, Label.Service, id, key, info);
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

  @Query(() => OrganisationConnection, {
    description: 'Organisations: by name unless orderBy says otherwise, filtered by kind, area and programme.',
  })
  organisations(
    @Arg('kind', () => OrganisationKindEnum, { nullable: true, description: 'Only organisations of this kind.' }) kind:
      | string
      | undefined,
    @Args(() => AreaArgs) { area }: AreaArgs,
    @Args(() => ProgrammeArgs) { programme }: ProgrammeArgs,
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => OrganisationOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return shapedConnection(ctx, {
      list: 'organisations',
      source: { label: Label.Organisation },
      filters: given({ kind, area, programme, retired }),
      order: orderBy,
      defaultOrder: BY_NAME,
      paging,
    });
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
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => AreaOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    if (within != null) checkId(within, 'within');
    return shapedConnection(ctx, {
      list: 'areas',
      source: { label: Label.Area },
      filters: given({ level, within, retired }),
      order: orderBy,
      defaultOrder: BY_NAME,
      paging,
    });
  }

  @Query(() => ProgrammeConnection, {
    description:
      'Programmes: by name unless orderBy says otherwise, filtered by area, topic, status and larger programme.',
  })
  programmes(
    @Args(() => AreaArgs) { area }: AreaArgs,
    @Args(() => TopicArgs) { topic }: TopicArgs,
    @Args(() => ProgrammeArgs) { programme }: ProgrammeArgs,
    @Args(() => ProgrammeStatusArgs) { status }: ProgrammeStatusArgs,
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => ProgrammeOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return shapedConnection(ctx, {
      list: 'programmes',
      source: { label: Label.Programme },
      filters: given({ area, topic, programme, status, retired }),
      order: orderBy,
      defaultOrder: BY_NAME,
      paging,
    });
  }

  @Query(() => ServiceConnection, {
    description:
      'Services: by name unless orderBy says otherwise, filtered by area, topic, provider and signposting programme. For free text, use search.',
  })
  services(
    @Args(() => AreaArgs) { area }: AreaArgs,
    @Args(() => TopicArgs) { topic }: TopicArgs,
    @Args(() => ProviderArgs) { provider }: ProviderArgs,
    @Args(() => ProgrammeArgs) { programme }: ProgrammeArgs,
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => ServiceOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return shapedConnection(ctx, {
      list: 'services',
      source: { label: Label.Service },
      filters: given({ area, topic, provider, programme, retired }),
      order: orderBy,
      defaultOrder: BY_NAME,
      paging,
    });
  }

  @Query(() => ResourceConnection, {
    description:
      'Resources: by name unless orderBy says otherwise, filtered by kind, status, topic and supported programme. For free text, use search.',
  })
  resources(
    @Arg('kind', () => ResourceKindEnum, { nullable: true, description: 'Only resources of this kind.' }) kind:
      | string
      | undefined,
    @Arg('status', () => [ResourceStatusEnum], {
      nullable: true,
      description: 'Only resources with one of these statuses.',
    })
    status: string[] | undefined,
    @Args(() => TopicArgs) { topic }: TopicArgs,
    @Args(() => ProgrammeArgs) { programme }: ProgrammeArgs,
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => ResourceOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return shapedConnection(ctx, {
      list: 'resources',
      source: { label: Label.Resource },
      filters: given({ kind, status, topic, programme, retired }),
      order: orderBy,
      defaultOrder: BY_NAME,
      paging,
    });
  }

  @Query(() => TopicConnection, {
    description: 'The topics of the taxonomy: by name, or by how connected they are (orderBy DEGREE).',
  })
  topics(
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => TopicOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return shapedConnection(ctx, {
      list: 'topics',
      source: { label: Label.Topic },
      filters: given({ retired }),
      order: orderBy,
      defaultOrder: BY_NAME,
      paging,
    });
  }

  @Query(() => EventConnection, {
    description:
      'Events and communities of practice: by date unless orderBy says otherwise, filtered by kind, status, topic, programme and dates.',
  })
  events(
    @Arg('kind', () => EventKindEnum, { nullable: true, description: 'Only events of this kind.' }) kind:
      | string
      | undefined,
    @Arg('status', () => [EventStatusEnum], { nullable: true, description: 'Only events with one of these statuses.' })
    status: string[] | undefined,
    @Args(() => TopicArgs) { topic }: TopicArgs,
    @Args(() => ProgrammeArgs) { programme }: ProgrammeArgs,
    @Arg('from', () => String, {
      nullable: true,
      description: 'Only events on or after this ISO date or month (2017-09).',
    })
    from: string | undefined,
    @Arg('to', () => String, {
      nullable: true,
      description: 'Only events on or before this ISO date or month (a month takes in all its days).',
    })
    to: string | undefined,
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => EventOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    checkDateRange(from ?? undefined, to ?? undefined, ['from', 'to']);
    return shapedConnection(ctx, {
      list: 'events',
      source: { label: Label.Event },
      filters: given({ kind, status, topic, programme, dateFrom: from, dateTo: to, retired }),
      order: orderBy,
      defaultOrder: { field: 'DATE', direction: 'ASC' },
      paging,
    });
  }
}
