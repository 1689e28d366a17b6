// The arguments shaped lists take, each described once: paging both ways, an order, retired records and the filters.
import { ArgsType, Field, Int, registerEnumType } from 'type-graphql';
import { PartnershipRoleEnum } from '../../../schema/graphql/enums.js';
import type { ListFilters } from '../../database/lists.js';
import { DEFAULT_PAGE, MAX_PAGE } from './support.js';

const FIRST_ARG = {
  nullable: true,
  description: `How many items to read forwards: 1 to ${MAX_PAGE}, ${DEFAULT_PAGE} if neither first nor last is given.`,
} as const;
const AFTER_ARG = {
  nullable: true,
  description: 'Return the items after this cursor (pageInfo.endCursor of the page before).',
} as const;
const LAST_ARG = {
  nullable: true,
  description: `How many items to read backwards, ending at before (or the end of the list): 1 to ${MAX_PAGE}; not with first.`,
} as const;
const BEFORE_ARG = {
  nullable: true,
  description: 'Return the items before this cursor (pageInfo.startCursor of the page after).',
} as const;
/** Relay paging, both ways: the same four arguments on every shaped list and connection. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, FIRST_ARG)
  first?: number;

  @Field(() => String, AFTER_ARG)
  after?: string;

  @Field(() => Int, LAST_ARG)
  last?: number;

  @Field(() => String, BEFORE_ARG)
  before?: string;
}

export const ORDER_ARG = {
  nullable: true,
  description: 'The order of the list; cursors belong to one order, so keep it while paging.',
} as const;
/** Retired records, or live ones: every shaped list takes it. */
@ArgsType()
export class RetiredArgs {
  @Field(() => Boolean, {
    nullable: true,
    description: 'True for retired records only (needs an analyst key); false or not given for live records.',
  })
  retired?: boolean;
}

/** The area filter: what each kind of record is in an area by is said once, here. */
@ArgsType()
export class AreaArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "Only records in this area (its key: a borough's GSS code, a footprint's or region's code), an area inside it, or one it lies in: services available there, programmes covering it, organisations covering it or based in it.",
  })
  area?: string;
}

@ArgsType()
export class TopicArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only records about this topic (its key, from topics { edges { node { key } } }).',
  })
  topic?: string;
}

/** The programme filter: how each kind of record belongs to a programme is said once, here. */
@ArgsType()
export class ProgrammeArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Only records of the programme with this key: its partners (organisations), the services it signposts to, the resources supporting it, its events, and the programmes that are part of it (its local roll-outs).',
  })
  programme?: string;
}

@ArgsType()
export class ProviderArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only services provided by the organisation with this key (an ODS code, a GSS code or a slug).',
  })
  provider?: string;
}

/** What a programme's dates say of it today. */
export const ProgrammeStatus = { PLANNED: 'PLANNED', RUNNING: 'RUNNING', ENDED: 'ENDED' } as const;
registerEnumType(ProgrammeStatus, {
  name: 'ProgrammeStatus',
  description: 'Where a programme stands today by its dates (a month as its end takes in all its days).',
  valuesConfig: {
    PLANNED: { description: 'Its start date is still to come.' },
    RUNNING: { description: 'Started and not yet ended, or without the dates to say otherwise.' },
    ENDED: { description: 'Its end date has passed.' },
  },
});

@ArgsType()
export class ProgrammeStatusArgs {
  @Field(() => [ProgrammeStatus], {
    nullable: true,
    description: 'Only programmes that, by their dates, are in one of these states today.',
  })
  status?: string[];
}

/** A partnership list's own filter: the part the organisation plays in the programme. */
@ArgsType()
export class RoleArgs {
  @Field(() => [PartnershipRoleEnum], {
    nullable: true,
    description: 'Only partnerships with one of these roles.',
  })
  role?: string[];
}

/** The filters a client gave: GraphQL says null for an explicit null, which means "not given" like an omission. */
export function given(filters: { [K in keyof ListFilters]: ListFilters[K] | null | undefined }): ListFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== null && v !== undefined)) as ListFilters;
}
