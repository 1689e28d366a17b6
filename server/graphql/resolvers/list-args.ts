// The arguments every shaped list takes, described once: paging both ways, an order, and retired records.
import { ArgsType, Field, Int } from 'type-graphql';
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
export const RETIRED_ARG = {
  nullable: true,
  description: 'True for retired records only (needs an analyst key); false or not given for live records.',
} as const;

/** The filters a client gave: GraphQL says null for an explicit null, which means "not given" like an omission. */
export function given(filters: { [K in keyof ListFilters]: ListFilters[K] | null | undefined }): ListFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== null && v !== undefined)) as ListFilters;
}
