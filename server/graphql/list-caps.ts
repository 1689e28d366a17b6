// Every relationship list field takes `first` and never gives more: the cap a client cannot step around.
import {
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  GraphQLInt,
  isCompositeType,
  isListType,
  isObjectType,
} from 'graphql';
import { ErrorCode } from '../../schema/errors.js';
import { MAX_LINKS } from '../database/links.js';
import type { Context } from './context.js';
import { clientError, withLinkLimit } from './resolvers/support.js';

/**
 * What a relationship list gives when `first` is not asked: more than any list of the seed documents (a plan's
 * actions, a programme's partners), few enough that a plan's actions with their leads (50 × 50) fit the cost limit.
 */
export const DEFAULT_LINKS = 50;

/**
 * Lists that are not relationship fields: a connection's edges are paged by the connection's own `first`, and a
 * network's nodes and edges are the one answer its `depth` asks for.
 */
function isExempt(typeName: string): boolean {
  return typeName.endsWith('Connection') || typeName === 'Network';
}

/**
 * Gives every list-of-records field of the object types a `first` argument (DEFAULT_LINKS if not given, at most
 * MAX_LINKS), passes it to the Cypher through the context the resolver sees (so the database cuts each parent's list,
 * see server/database/links.ts), and never answers more than it. Done once on the built schema, so that link fields
 * declared in the model and those written as resolvers (partnerships, leads, sourceDocuments) are all covered, and
 * so is any list field added later. A list with more items than `first` is cut short: a client that must know asks
 * for one more than it shows; to page through every service on a topic or in an area, use `search`.
 */
export function capListFields(schema: GraphQLSchema): void {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type) || isExempt(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type)) || !isCompositeType(getNamedType(field.type))) continue;
      if (field.args.some((a) => a.name === 'first')) continue;
      const where = `${type.name}.${field.name}`;
      (field.args as unknown as unknown[]).push({
        name: 'first',
        description: `How many to give, 1 to ${MAX_LINKS} (${DEFAULT_LINKS} if not given), in the list's order; a longer list is cut here, so ask for one more than you show to know whether there are more.`,
        type: GraphQLInt,
        defaultValue: DEFAULT_LINKS,
        deprecationReason: undefined,
        extensions: {},
        astNode: undefined,
      });
      field.resolve = capped(field.resolve, where);
    }
  }
}

function capped(
  resolve: GraphQLFieldResolver<unknown, Context> | undefined,
  where: string,
): GraphQLFieldResolver<unknown, Context> {
  return async (source, args: { first?: number | null }, ctx, info) => {
    const first = args.first ?? DEFAULT_LINKS;
    if (!Number.isInteger(first) || first < 1 || first > MAX_LINKS)
      throw clientError(
        ErrorCode.BAD_USER_INPUT,
        `first on ${where} must be between 1 and ${MAX_LINKS}; for longer lists of services or resources, page through search.`,
        { argument: 'first' },
      );
    const result = resolve
      ? await resolve(source, args, withLinkLimit(ctx, first), info)
      : (source as Record<string, unknown>)[info.fieldName];
    return Array.isArray(result) ? result.slice(0, first) : result;
  };
}
