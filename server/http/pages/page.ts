// What every plain page shares: running a widget's own GraphQL document in-process as the public role, so a page
// without JavaScript shows what the widget shows, and sending the page under the pages' strict policy.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { graphql, type GraphQLSchema } from 'graphql';
import { stringsFor } from '../../../contract/catalogues.js';
import type { ErrorCode } from '../../../contract/errors.js';
import type { SourceLink } from '../../../contract/queries/document.js';
import { documentStrings } from '../../../contract/strings-document.js';
import type { Strings } from '../../../contract/strings.js';
import type { Database } from '../../database/database.js';
import { createContext } from '../../graphql/context.js';
import { type Html, html, layout, STRICT_CSP } from './html.js';

export const PAGES_STYLESHEET = '/directory/assets/pages.css';

export interface PageDependencies {
  schema: GraphQLSchema;
  db: Database;
  version: string;
}

export interface QueryResult<T> {
  data?: T;
  error?: { code: ErrorCode; message: string };
}

/** Runs one of a widget's documents; GraphQL errors come back as their code and message, for the page to show. */
export async function runQuery<T>(
  deps: PageDependencies,
  request: FastifyRequest,
  source: string,
  variables: Record<string, unknown>,
): Promise<QueryResult<T>> {
  const result = await graphql({
    schema: deps.schema,
    source,
    variableValues: variables,
    contextValue: createContext(deps.db, request.log, request.id, deps.version, 'public'),
  });
  const first = result.errors?.[0];
  if (first) {
    // In-process, without Apollo: the errors are the resolvers' own, coded from the catalogue; one without a code is a fault.
    const code = String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR') as ErrorCode;
    if (code === 'INTERNAL_SERVER_ERROR') throw first.originalError ?? first;
    return { error: { code, message: first.message } };
  }
  return { data: result.data as T };
}

/** The page's language from `?lang=` (cy for Welsh), English otherwise. */
export function pageStrings(request: FastifyRequest): Strings {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  return stringsFor(typeof lang === 'string' ? lang : 'en-GB');
}

/** Sends a page: cacheable for a minute, since the graph changes by imports and admins' edits, not by the second. */
export function sendPage(reply: FastifyReply, t: Strings, title: string, body: Html, head?: Html): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', STRICT_CSP)
    .header('cache-control', 'public, max-age=60')
    .send(layout(`${title}: Partnership Hub`, body, PAGES_STYLESHEET, [], { head, lang: t.locale }));
}

/** A path on this service in the page's language: Welsh pages link to Welsh pages (the fragment, if any, kept last). */
export const inLanguage = (t: Strings, path: string): string => {
  if (t.locale === 'en-GB') return path;
  const [before, fragment] = path.split(/(?=#)/, 2) as [string, string | undefined];
  return `${before}${before.includes('?') ? '&' : '?'}lang=${encodeURIComponent(t.locale)}${fragment ?? ''}`;
};

/**
 * Links to the passages a record was read from: its documents' plain pages, at the first passage in each. Each link's
 * name starts with its visible word (WCAG 2.5.3) and then says whose source it is.
 */
export function sourceLinks(t: Strings, documents: readonly SourceLink[] | undefined, whose: string): Html {
  const source = documentStrings(t.locale).source;
  return html`${(documents ?? []).map(
    (d) =>
      html` <a class="source" href="${inLanguage(t, d.url)}" aria-label="${source}: ${whose} (${d.title})">${source}</a>`,
  )}`;
}
