// Shaped lists as Relay connections: paging arguments checked, keyset cursors made and read, pages batched per request.
import DataLoader from 'dataloader';
import { ErrorCode } from '../../../schema/errors.js';
import type { ConnectionShape } from '../../../schema/graphql/connection.js';
import { ORDER_FIELDS, type OrderInput } from '../../../schema/graphql/ordering.js';
import { outranksOrEquals } from '../../../schema/roles.js';
import {
  countLists,
  FILTERS_OF,
  type ListFilters,
  type ListPage,
  listPages,
  type ListSource,
  type Ordering,
  type Position,
  type Window,
} from '../../database/lists.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { CursorKind, cursorFix, type PagingArgs, packCursor, pageSizeOf, unpackCursor } from './cursors.js';
import { clientError } from './support.js';

/** What a list cursor holds after its kind: the list it came from, its order, and its record's place in that order. */
type ListCursor = [list: string, field: string, direction: string, key: string | number, id: string];

export function encodeCursor(list: string, order: OrderInput, position: Position): string {
  return packCursor(CursorKind.list, list, order.field, order.direction, position.key, position.id);
}

/**
 * Reads a cursor this list made. Offset cursors (made before keyset cursors) still work forwards in a list's default
 * order, so a page a client holds keeps its place; anything else is refused with what to pass instead.
 */
function decodeCursor(
  cursor: string,
  argument: 'after' | 'before',
  list: string,
  order: OrderInput,
  defaultOrder: boolean,
): Position | { offset: number } {
  const unpacked = unpackCursor(cursor);
  if (unpacked.offset !== undefined && argument === 'after' && defaultOrder) return { offset: unpacked.offset + 1 };
  const parts = unpacked.parts;
  if (
    unpacked.kind !== CursorKind.list ||
    parts?.length !== 5 ||
    !['string', 'number'].includes(typeof parts[3]) ||
    typeof parts[4] !== 'string'
  )
    throw clientError(
      ErrorCode.BAD_USER_INPUT,
      `${argument} is not a cursor of ${list}${unpacked.offset !== undefined ? ' in this order and direction' : ''}: ${cursorFix(argument)}, or page from the start without it.`,
      { argument },
    );
  const [from, field, direction, key, id] = parts as ListCursor;
  if (from !== list || field !== order.field || direction !== order.direction)
    throw clientError(
      ErrorCode.BAD_USER_INPUT,
      `${argument} is a cursor of ${from} ordered by ${field} ${direction}, not of ${list} ordered by ${order.field} ${order.direction}: ${cursorFix(argument)} of this same query, or page from the start without it.`,
      { argument },
    );
  return { key, id };
}

/** Turns the paging arguments into a window on the list, refusing what would be unbounded, ambiguous or forged. */
export function windowOf(args: PagingArgs, list: string, order: OrderInput, defaultOrder: boolean): Window {
  const window: Window = { ...pageSizeOf(args) };
  if (args.after != null) {
    const after = decodeCursor(args.after, 'after', list, order, defaultOrder && !window.backwards);
    if ('offset' in after) window.skip = after.offset;
    else window.after = after;
  }
  if (args.before != null) {
    const before = decodeCursor(args.before, 'before', list, order, false);
    if (!('offset' in before)) window.before = before;
  }
  return window;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

/** Checks a date range's ends (ISO dates or months) and that it does not run backwards. */
export function checkDateRange(from: string | undefined, to: string | undefined, names: [string, string]): void {
  for (const [value, name] of [
    [from, names[0]],
    [to, names[1]],
  ] as const) {
    if (value !== undefined && !ISO_DATE.test(value))
      throw clientError(
        ErrorCode.BAD_USER_INPUT,
        `${name} "${value}" is not a date: give an ISO date (2018-03-31) or month (2018-03).`,
        { argument: name },
      );
  }
  if (from !== undefined && to !== undefined && `${from}-01`.slice(0, 10) > `${to}-31`.slice(0, 10))
    throw clientError(
      ErrorCode.BAD_USER_INPUT,
      `${names[0]} (${from}) is after ${names[1]} (${to}): the range runs backwards; swap them.`,
      { argument: names[0] },
    );
}

/** Retired records are kept so that retiring can be undone; listing them is for analysts and admins. */
function checkRetired(ctx: Context, filters: ListFilters): void {
  if (!filters.retired || outranksOrEquals(ctx.role, 'analyst')) return;
  throw clientError(
    ctx.role === 'public' ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN,
    'retired: true lists retired records, which needs an analyst key: send it as "Authorization: Bearer <key>", or leave retired out for live records.',
    { argument: 'retired' },
  );
}

/** What a page asks for, as the key its batch is found by: parents asking the same share one query. */
interface PageRequest {
  list: string;
  source: ListSource;
  filters: ListFilters;
  order: Ordering;
  window: Window;
}

interface RequestLoaders {
  pages: Map<string, DataLoader<string, ListPage>>;
  counts: Map<string, DataLoader<string, number>>;
}

/** Each request's loaders, so the connections of a page of parents cost one query, not one per parent. */
const loadersOf = new WeakMap<Context, RequestLoaders>();

function loaders(ctx: Context): RequestLoaders {
  let found = loadersOf.get(ctx);
  if (!found) {
    found = { pages: new Map(), counts: new Map() };
    loadersOf.set(ctx, found);
  }
  return found;
}

/** The names filters take as arguments, for telling a client which one names nothing. */
const UNKNOWN_FIX: Record<string, string> = {
  area: 'an area key (a GSS code such as E09000003, or a footprint code)',
  topic: 'a topic key from topics { edges { node { key } } }',
  programme: 'a programme key from programmes { edges { node { key } } }',
  provider: 'an organisation key (an ODS code, a GSS code or a slug)',
};

function pageLoader(ctx: Context, request: PageRequest): DataLoader<string, ListPage> {
  const batch = JSON.stringify([request.list, request.filters, request.order, request.window]);
  const all = loaders(ctx).pages;
  let loader = all.get(batch);
  if (!loader) {
    loader = new DataLoader<string, ListPage>(async (parents) => {
      const { pages, unknown } = await listPages(
        ctx.db,
        request.source,
        request.filters,
        request.order,
        request.window,
        parents,
      );
      const name = unknown[0];
      if (name !== undefined) {
        const value = request.filters[name as keyof ListFilters];
        const error = clientError(
          ErrorCode.BAD_USER_INPUT,
          `${name} "${String(value)}" names nothing in the graph: give ${UNKNOWN_FIX[name] ?? 'a key the graph holds'}.`,
          { argument: name },
        );
        return parents.map(() => error);
      }
      return pages;
    });
    all.set(batch, loader);
  }
  return loader;
}

function countLoader(ctx: Context, request: PageRequest): DataLoader<string, number> {
  const batch = JSON.stringify([request.list, request.filters]);
  const all = loaders(ctx).counts;
  let loader = all.get(batch);
  if (!loader) {
    loader = new DataLoader((parents) => countLists(ctx.db, request.source, request.filters, parents));
    all.set(batch, loader);
  }
  return loader;
}

export interface ShapedList {
  /** The list as cursors name it ("Query.services", "Programme.actionsConnection"). */
  list: string;
  source: ListSource;
  filters: ListFilters;
  order: OrderInput | null | undefined;
  /** The order the list has when none is asked. */
  defaultOrder: OrderInput;
  paging: PagingArgs;
  /** The parent whose links are listed; absent for a root list. */
  parentId?: string;
}

/**
 * One page of a shaped list as a Relay connection: edges with keyset cursors, page info both ways, and a total that
 * is counted (by a second query) only when a client selects totalCount.
 */
export async function shapedConnection(
  ctx: Context,
  shaped: ShapedList,
): Promise<Omit<ConnectionShape<GraphNode>, 'totalCount'> & { readonly totalCount: Promise<number> }> {
  const order: OrderInput = {
    field: shaped.order?.field ?? shaped.defaultOrder.field,
    direction: shaped.order?.direction ?? 'ASC',
  };
  if (!Object.hasOwn(ORDER_FIELDS, order.field))
    throw clientError(ErrorCode.BAD_USER_INPUT, `orderBy.field ${order.field} is not a field to order by.`, {
      argument: 'orderBy',
    });
  for (const [name, value] of Object.entries(shaped.filters))
    if (
      value !== undefined &&
      name !== 'retired' &&
      !FILTERS_OF[name as keyof ListFilters].includes(shaped.source.label)
    )
      throw new Error(`${shaped.list} was given the filter ${name}, which ${shaped.source.label} lists do not take.`);
  checkRetired(ctx, shaped.filters);
  const isDefault = order.field === shaped.defaultOrder.field && order.direction === shaped.defaultOrder.direction;
  const window = windowOf(shaped.paging, shaped.list, order, isDefault);
  const request: PageRequest = {
    list: shaped.list,
    source: shaped.source,
    filters: shaped.filters,
    order: { field: order.field, descending: order.direction === 'DESC' },
    window,
  };
  // DataLoader takes no null key: a root list is the one list of the parent ''.
  const parent = shaped.parentId ?? '';
  const page = await pageLoader(ctx, request).load(parent);
  const edges = page.items.map(({ node, key }) => ({
    node,
    cursor: encodeCursor(shaped.list, order, { key, id: node.id }),
  }));
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNext,
      hasPreviousPage: page.hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      total ??= countLoader(ctx, request).load(parent);
      return total;
    },
  };
}
