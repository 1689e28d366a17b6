// Shared by the resolvers: following links through the request's loaders, lookups, paging and client errors.
import { type GraphQLError, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { validate as isUuid } from 'uuid';
import type { Label } from '../../../schema/graph.js';
import { ErrorCode } from '../../../schema/errors.js';
import type { LinkSpec, Linked } from '../../database/links.js';
import { nodeByKey, type GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { graphqlError } from '../errors.js';

export function clientError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return graphqlError(code, message, extensions);
}

/** Where a capped list field leaves its `first` for the links it follows (server/graphql/list-caps.ts). */
const LINK_LIMIT = Symbol("the list field's first");

/**
 * The context a capped list field's resolver sees: the request's own, with the field's limit on top. A context of its
 * own per field, since fields resolve concurrently; every property of the request's context shows through.
 */
export function withLinkLimit(ctx: Context, limit: number): Context {
  return Object.create(ctx, { [LINK_LIMIT]: { value: limit } }) as Context;
}

/**
 * The links of a parent along a spec, cut in Cypher to the asking list field's `first`; a field that is not a list
 * (an action plan's counts, a single provider) follows up to MAX_LINKS.
 */
export function follow(ctx: Context, parent: GraphNode, spec: LinkSpec): Promise<Linked[]> {
  const limit = (ctx as Context & { [LINK_LIMIT]?: number })[LINK_LIMIT];
  return ctx.loaders.links(spec, limit).load(parent.id);
}

export async function linked(ctx: Context, parent: GraphNode, spec: LinkSpec): Promise<GraphNode[]> {
  return (await follow(ctx, parent, spec)).map((l) => l.node);
}

export async function linkedOne(ctx: Context, parent: GraphNode, spec: LinkSpec): Promise<GraphNode | null> {
  return (await follow(ctx, parent, spec))[0]?.node ?? null;
}

export function checkId(id: string, argument = 'id'): void {
  if (!isUuid(id))
    throw clientError(ErrorCode.BAD_USER_INPUT, `"${id}" is not an id: ids are UUIDs such as 3f2c7a1e-…`, { argument });
}

/** Finds one node by id or by key (exactly one of them), or says it is not there. */
export async function lookup(
  ctx: Context,
  label: Label,
  id: string | null | undefined,
  key: string | null | undefined,
): Promise<GraphNode> {
  // GraphQL gives null for an explicit null and undefined for an omitted argument; both mean "not given".
  id ??= undefined;
  key ??= undefined;
  if ((id === undefined) === (key === undefined)) {
    throw clientError(ErrorCode.BAD_USER_INPUT, `Give either id or key to find a ${label}, not both and not neither.`);
  }
  let node: GraphNode | null;
  if (id !== undefined) {
    checkId(id);
    node = await ctx.loaders.node.load(id);
    if (node && node.__label !== label) node = null;
  } else {
    node = await nodeByKey(ctx.db, label, key!);
  }
  if (!node)
    throw clientError(ErrorCode.NOT_FOUND, `No ${label} has ${id !== undefined ? `id ${id}` : `key "${key}"`}.`);
  return node;
}

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

/** True when the query selects `name` directly under the field being resolved, through fragments too. */
export function asksFor(info: GraphQLResolveInfo, name: string): boolean {
  const within = (set: SelectionSetNode | undefined, seen: Set<string>): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === name;
      if (s.kind === Kind.INLINE_FRAGMENT) return within(s.selectionSet, seen);
      if (seen.has(s.name.value)) return false;
      return within(info.fragments[s.name.value]?.selectionSet, new Set([...seen, s.name.value]));
    });
  return info.fieldNodes.some((node) => within(node.selectionSet, new Set()));
}
