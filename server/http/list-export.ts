// Any list as CSV for analysts' spreadsheets and tools: the GraphQL list's own filters, order and checks, every row bounded.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsync } from 'fastify';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  GraphQLError,
  graphql,
  isEnumType,
  isListType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { ErrorCode } from '../../schema/errors.js';
import type { Database } from '../database/database.js';
import { requiredRole } from '../graphql/access.js';
import { createContext } from '../graphql/context.js';
import { sendError } from './errors.js';
import { spreadsheetCell } from './network-export.js';

/** The root lists an export may be of: each a Relay connection with its filters and orderBy. */
export const EXPORTABLE_LISTS = ['organisations', 'areas', 'programmes', 'services', 'resources', 'topics', 'events'];

/**
 * The most rows one export carries: every England service is some tens of thousands, which a spreadsheet opens but a
 * request should not build in memory; a filter (an area, a topic) brings any list under it.
 */
export const MAX_EXPORT_ROWS = 5_000;

/** Rows read per in-process GraphQL page: small pages of one round trip each (5,000 rows are 100 of them). */
const PAGE = 50;

/** Arguments an export sets itself: the pages, and only live records (retired ones need an analyst's key and GraphQL). */
const SET_BY_EXPORT = new Set(['first', 'after', 'last', 'before', 'orderBy', 'retired']);

interface ListShape {
  filters: GraphQLArgument[];
  orderType?: string;
  columns: { name: string; list: boolean }[];
}

/** What a list takes and gives, read from the schema so that an export always matches its GraphQL list. */
function shapeOf(schema: GraphQLSchema, list: string): ListShape {
  const field = schema.getQueryType()!.getFields()[list]!;
  const connection = getNamedType(field.type) as GraphQLObjectType;
  const edge = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
  const node = getNamedType(edge.getFields().node!.type);
  const fields: GraphQLField<unknown, unknown>[] = isObjectType(node) ? Object.values(node.getFields()) : [];
  return {
    filters: field.args.filter((a) => !SET_BY_EXPORT.has(a.name)),
    orderType: field.args.find((a) => a.name === 'orderBy')?.type.toString(),
    // Values, not links (those are other lists), and only what the public may read.
    columns: fields
      .filter((f) => f.args.every((a) => a.defaultValue !== undefined || !String(a.type).endsWith('!')))
      .filter((f) => isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type)))
      .filter((f) => requiredRole(isObjectType(node) ? node.name : '', f.name) === 'public')
      .map((f) => ({ name: f.name, list: isListType(getNullableType(f.type)) })),
  };
}

/** A query-string value as the argument's type takes it: lists comma-separated, true or false, whole numbers. */
function argumentValue(argument: GraphQLArgument, text: string): unknown {
  const type = getNullableType(argument.type);
  const one = (t: string) => {
    const named = getNamedType(argument.type).name;
    if (named === 'Boolean') return t === 'true' ? true : t === 'false' ? false : t;
    if (named === 'Int' || named === 'Float') return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
    return t;
  };
  return isListType(type) ? text.split(',').map((t) => one(t.trim())) : one(text);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return spreadsheetCell(value.map(String).join('; '));
  if (typeof value === 'object') return spreadsheetCell(JSON.stringify(value));
  return spreadsheetCell(String(value));
}

interface Page {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Record<string, unknown> }[];
}

/**
 * GET /exports/<list>.csv?<filter>=<value>&orderBy=<FIELD>&direction=ASC|DESC: the list's records as the public sees
 * them, every filter its GraphQL list takes (lists comma-separated), one row per record and one column per value
 * field. Refused whole, before any row is read, when the list has more than MAX_EXPORT_ROWS records.
 */
export const listExport: FastifyPluginAsync<{ schema: GraphQLSchema; db: Database; version: string }> = async (
  app,
  { schema, db, version },
) => {
  app.get<{ Params: { list: string; format: string }; Querystring: Record<string, string | string[]> }>(
    '/exports/:list.:format',
    async (request, reply) => {
      const { list, format } = request.params;
      if (format !== 'csv' || !EXPORTABLE_LISTS.includes(list))
        return sendError(
          reply,
          ErrorCode.BAD_USER_INPUT,
          `/exports/${list}.${format} is not an export: ask for one of ${EXPORTABLE_LISTS.map((l) => `/exports/${l}.csv`).join(', ')}.`,
        );
      const shape = shapeOf(schema, list);
      const takes = [...shape.filters.map((f) => f.name).sort(), 'orderBy', 'direction'];
      const variables: Record<string, unknown> = {};
      for (const [name, raw] of Object.entries(request.query)) {
        if (Array.isArray(raw))
          return sendError(
            reply,
            ErrorCode.BAD_USER_INPUT,
            `${name} is given twice: give it once (lists comma-separated).`,
          );
        if (!takes.includes(name))
          return sendError(
            reply,
            ErrorCode.BAD_USER_INPUT,
            `${name} is not a filter of ${list}: it takes ${takes.join(', ')}${name === 'retired' ? ' (retired records are listed through GraphQL with an analyst key)' : ''}.`,
          );
        const argument = shape.filters.find((f) => f.name === name);
        if (argument) variables[name] = argumentValue(argument, raw);
      }
      const { orderBy, direction } = request.query as Record<string, string | undefined>;
      if (direction !== undefined && orderBy === undefined)
        return sendError(reply, ErrorCode.BAD_USER_INPUT, 'direction needs orderBy: give the field to order by too.');
      if (orderBy !== undefined) variables.orderBy = { field: orderBy, ...(direction ? { direction } : {}) };

      const declared = [
        ...shape.filters.map((f) => `$${f.name}: ${f.type.toString()}`),
        ...(shape.orderType ? [`$orderBy: ${shape.orderType}`] : []),
        '$after: String',
        '$withTotal: Boolean!',
      ];
      const passed = [
        ...shape.filters.map((f) => `${f.name}: $${f.name}`),
        ...(shape.orderType ? ['orderBy: $orderBy'] : []),
      ];
      const source = `query (${declared.join(', ')}) { list: ${list}(${[...passed, `first: ${PAGE}`, 'after: $after'].join(', ')}) {
        totalCount @include(if: $withTotal) pageInfo { hasNextPage endCursor } edges { node { ${shape.columns.map((c) => c.name).join(' ')} } } } }`;
      const contextValue = createContext(db, request.log, request.id, version, 'public');
      const pageAfter = async (after: string | null): Promise<Page | GraphQLError> => {
        const result = await graphql({
          schema,
          source,
          variableValues: { ...variables, after, withTotal: after === null },
          contextValue,
        });
        return result.errors?.[0] ?? (result.data as { list: Page }).list;
      };

      // The first page is read before anything is sent, so that a refusal (a bad value, too many rows) is a whole
      // error answer with its status.
      const first = await pageAfter(null);
      if (first instanceof GraphQLError) {
        // Errors without a path are the query string's values refused by GraphQL itself (an unknown enum value).
        const code = String(first.extensions?.code ?? (first.path ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT'));
        if (code === 'INTERNAL_SERVER_ERROR') throw first.originalError ?? first;
        return sendError(reply, code as ErrorCode, first.message.replaceAll('$', ''));
      }
      if (first.totalCount !== undefined && first.totalCount > MAX_EXPORT_ROWS)
        return sendError(
          reply,
          ErrorCode.BAD_USER_INPUT,
          `${list} has ${first.totalCount} records with these filters, more than the ${MAX_EXPORT_ROWS} one export carries: narrow it with ${shape.filters.map((f) => f.name).join(', ') || 'the GraphQL list and its cursors'}.`,
        );

      reply.header('content-disposition', `attachment; filename="${list}.csv"`);
      return reply
        .type('text/csv; charset=utf-8')
        .send(Readable.from(csvPages(first, pageAfter, shape.columns), { objectMode: false, highWaterMark: 1 }));
    },
  );
};

/**
 * The CSV a page at a time, the next page read only when the socket has taken the last (Readable.from pulls on
 * demand): an export holds one page of rows, not the whole list, however many run at once and however slowly their
 * clients read (32 England borough exports at once built 32 whole answers, and took the service past 300 MB).
 * A page that fails once rows have been sent can no longer change the status: the stream is destroyed, so the client
 * sees the download broken off rather than a CSV that looks complete.
 */
async function* csvPages(
  first: Page,
  pageAfter: (after: string) => Promise<Page | GraphQLError>,
  columns: ListShape['columns'],
): AsyncGenerator<string> {
  let page = first;
  let header = true;
  for (;;) {
    yield stringify(
      page.edges.map((e) => columns.map((c) => cell(e.node[c.name]))),
      { header, columns: columns.map((c) => c.name) },
    );
    header = false;
    if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) return;
    const next = await pageAfter(page.pageInfo.endCursor);
    if (next instanceof GraphQLError) throw next.originalError ?? next;
    page = next;
  }
}
