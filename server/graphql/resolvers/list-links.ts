// Relationship connections analysts can shape: a programme's actions and an organisation's services, paged both ways.
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Connection } from '../../../schema/graphql/connection.js';
import { ActionStatusEnum } from '../../../schema/graphql/enums.js';
import { Action, Organisation, Programme, Service } from '../../../schema/graphql/index.js';
import { Ordering, type OrderInput } from '../../../schema/graphql/ordering.js';
import { ORGANISATION_SERVICES, PROGRAMME_ACTIONS } from '../../database/lists.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { given, ORDER_ARG, PageArgs, RETIRED_ARG } from './list-args.js';
import { checkDateRange, shapedConnection } from './lists.js';

const ActionConnection = Connection(Action);
const ServiceConnection = Connection(Service);
const ActionOrder = Ordering('Action', ['POSITION', 'DUE_DATE', 'NAME', 'DEGREE', 'LAST_MODIFIED']);
const ProvidedServiceOrder = Ordering('ProvidedService', ['NAME', 'DEGREE', 'LAST_MODIFIED']);

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
    @Arg('topic', () => String, { nullable: true, description: 'Only actions about this topic (its key).' })
    topic: string | undefined,
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
    @Arg('retired', () => Boolean, RETIRED_ARG) retired: boolean | undefined,
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
}

@Resolver(() => Organisation)
export class OrganisationListsResolver {
  @FieldResolver(() => ServiceConnection, {
    description:
      'The services it provides as a connection analysts can shape: filtered by area and topic, by name unless orderBy says otherwise, paged both ways. `services` gives the plain list.',
  })
  servicesConnection(
    @Root() organisation: GraphNode,
    @Arg('area', () => String, {
      nullable: true,
      description: 'Only services available in this area (its key), an area inside it, or one it lies in.',
    })
    area: string | undefined,
    @Arg('topic', () => String, { nullable: true, description: 'Only services about this topic (its key).' })
    topic: string | undefined,
    @Arg('retired', () => Boolean, RETIRED_ARG) retired: boolean | undefined,
    @Arg('orderBy', () => ProvidedServiceOrder, ORDER_ARG) orderBy: OrderInput | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return shapedConnection(ctx, {
      list: 'Organisation.servicesConnection',
      source: ORGANISATION_SERVICES,
      filters: given({ area, topic, retired }),
      order: orderBy,
      defaultOrder: { field: 'NAME', direction: 'ASC' },
      paging,
      parentId: organisation.id,
    });
  }
}
