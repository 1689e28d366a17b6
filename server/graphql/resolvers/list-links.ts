// Relationship connections analysts can shape, paged both ways: a programme's actions and partners, an organisation's
// services and programmes, an area's and a topic's services.
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Connection } from '../../../schema/graphql/connection.js';
import { ActionStatusEnum, OrganisationKindEnum } from '../../../schema/graphql/enums.js';
import { Action, Area, Organisation, Programme, Service, Topic } from '../../../schema/graphql/index.js';
import { Ordering, type OrderInput } from '../../../schema/graphql/ordering.js';
import {
  AREA_SERVICES,
  ORGANISATION_PROGRAMMES,
  ORGANISATION_SERVICES,
  PROGRAMME_ACTIONS,
  PROGRAMME_PARTNERS,
  TOPIC_SERVICES,
} from '../../database/lists.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import {
  AreaArgs,
  given,
  ORDER_ARG,
  PageArgs,
  ProgrammeStatusArgs,
  ProviderArgs,
  RetiredArgs,
  RoleArgs,
  TopicArgs,
} from './list-args.js';
import { checkDateRange, shapedConnection } from './lists.js';

const ActionConnection = Connection(Action);
const ServiceConnection = Connection(Service);
const ProgrammeConnection = Connection(Programme);
const OrganisationConnection = Connection(Organisation);
const ActionOrder = Ordering('Action', ['POSITION', 'DUE_DATE', 'NAME', 'DEGREE', 'LAST_MODIFIED']);
const ProvidedServiceOrder = Ordering('ProvidedService', ['NAME', 'DEGREE', 'LAST_MODIFIED']);
const PartnershipOrder = Ordering('Partnership', ['NAME', 'START_DATE', 'DEGREE', 'LAST_MODIFIED']);
const PartnerOrder = Ordering('Partner', ['NAME', 'DEGREE', 'LAST_MODIFIED']);
const BY_NAME: OrderInput = { field: 'NAME', direction: 'ASC' };

@Resolver(() => Programme)
export class ProgrammeListsResolver {
  @FieldResolver(() => ActionConnection, {
    description:
      'Its actions as a connection analysts can shape: filtered by status, topic and due date, ordered as the plan has them unless orderBy says otherwise, paged both ways. `actions` gives the plain list.',
  })
  actionsConnection(
    @Root() programme: GraphNode,
    @Arg('status', () => [ActionStatusEnum], {
      nullable: true,
      description: 'Only actions with one of these statuses.',
    })
    status: string[] | undefined,
    @Args(() => TopicArgs) { topic }: TopicArgs,
    @Arg('dueFrom', () => String, {
      nullable: true,
      description: 'Only actions due on or after this ISO date or month (2017-09).',
    })
    dueFrom: string | undefined,
    @Arg('dueTo', () => String, {
      nullable: true,
      description: 'Only actions due on or before this ISO date or month (a month takes in all its days).',
    })
    dueTo: string | undefined,
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => ActionOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    checkDateRange(dueFrom ?? undefined, dueTo ?? undefined, ['dueFrom', 'dueTo']);
    return shapedConnection(ctx, {
      list: 'Programme.actionsConnection',
      source: PROGRAMME_ACTIONS,
      filters: given({ status, topic, dateFrom: dueFrom, dateTo: dueTo, retired }),
      order: orderBy,
      defaultOrder: { field: 'POSITION', direction: 'ASC' },
      paging,
      parentId: programme.id,
    });
  }

  @FieldResolver(() => OrganisationConnection, {
    description:
      'Its partner organisations as a connection analysts can shape: filtered by role, kind and area, by name unless orderBy says otherwise, paged both ways. `partnerships` gives each with its role.',
  })
  partnersConnection(
    @Root() programme: GraphNode,
    @Args(() => RoleArgs) { role }: RoleArgs,
    @Arg('kind', () => OrganisationKindEnum, { nullable: true, description: 'Only organisations of this kind.' }) kind:
      | string
      | undefined,
    @Args(() => AreaArgs) { area }: AreaArgs,
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => PartnerOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return shapedConnection(ctx, {
      list: 'Programme.partnersConnection',
      source: PROGRAMME_PARTNERS,
      filters: given({ role, kind, area, retired }),
      order: orderBy,
      defaultOrder: BY_NAME,
      paging,
      parentId: programme.id,
    });
  }
}

@Resolver(() => Organisation)
export class OrganisationListsResolver {
  @FieldResolver(() => ServiceConnection, {
    description:
      'The services it provides as a connection analysts can shape: filtered by area and topic, by name unless orderBy says otherwise, paged both ways. `services` gives the plain list.',
  })
  servicesConnection(
    @Root() organisation: GraphNode,
    @Args(() => AreaArgs) { area }: AreaArgs,
    @Args(() => TopicArgs) { topic }: TopicArgs,
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => ProvidedServiceOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return shapedConnection(ctx, {
      list: 'Organisation.servicesConnection',
      source: ORGANISATION_SERVICES,
      filters: given({ area, topic, retired }),
      order: orderBy,
      defaultOrder: BY_NAME,
      paging,
      parentId: organisation.id,
    });
  }

  @FieldResolver(() => ProgrammeConnection, {
    description:
      'The programmes it is a partner in (its partnerships) as a connection analysts can shape: filtered by its role and the programme’s status, area and topic, by name unless orderBy says otherwise (START_DATE: the earliest first), paged both ways. `partnerships` gives each with its role.',
  })
  programmesConnection(
    @Root() organisation: GraphNode,
    @Args(() => RoleArgs) { role }: RoleArgs,
    @Args(() => ProgrammeStatusArgs) { status }: ProgrammeStatusArgs,
    @Args(() => AreaArgs) { area }: AreaArgs,
    @Args(() => TopicArgs) { topic }: TopicArgs,
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => PartnershipOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return shapedConnection(ctx, {
      list: 'Organisation.programmesConnection',
      source: ORGANISATION_PROGRAMMES,
      filters: given({ role, status, area, topic, retired }),
      order: orderBy,
      defaultOrder: BY_NAME,
      paging,
      parentId: organisation.id,
    });
  }
}

@Resolver(() => Area)
export class AreaListsResolver {
  @FieldResolver(() => ServiceConnection, {
    description:
      'The services available in it, in an area inside it, or in the footprint or region it lies in (as services(area:) finds them), as a connection analysts can shape: filtered by topic and provider, by name unless orderBy says otherwise, paged both ways. `services` gives those of the area itself.',
  })
  servicesConnection(
    @Root() area: GraphNode,
    @Args(() => TopicArgs) { topic }: TopicArgs,
    @Args(() => ProviderArgs) { provider }: ProviderArgs,
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => ProvidedServiceOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return shapedConnection(ctx, {
      list: 'Area.servicesConnection',
      source: AREA_SERVICES,
      filters: given({ topic, provider, retired }),
      order: orderBy,
      defaultOrder: BY_NAME,
      paging,
      parentId: area.id,
    });
  }
}

@Resolver(() => Topic)
export class TopicListsResolver {
  @FieldResolver(() => ServiceConnection, {
    description:
      'The services about it as a connection analysts can shape: filtered by area and provider, by name unless orderBy says otherwise, paged both ways. `services` gives the plain list.',
  })
  servicesConnection(
    @Root() topic: GraphNode,
    @Args(() => AreaArgs) { area }: AreaArgs,
    @Args(() => ProviderArgs) { provider }: ProviderArgs,
    @Args(() => RetiredArgs) { retired }: RetiredArgs,
    @Arg('orderBy', () => ProvidedServiceOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return shapedConnection(ctx, {
      list: 'Topic.servicesConnection',
      source: TOPIC_SERVICES,
      filters: given({ area, provider, retired }),
      order: orderBy,
      defaultOrder: BY_NAME,
      paging,
      parentId: topic.id,
    });
  }
}
