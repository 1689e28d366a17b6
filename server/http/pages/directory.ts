// /directory: the directory as plain HTML pages, for readers without JavaScript (the widgets' fallback links lead
// here) and for search engines. They run the directory widget's own GraphQL queries (from the shared contract)
// in-process, as the public role, and show its strings.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { graphql, type GraphQLSchema } from 'graphql';
import { DIRECTORY_KINDS, isDirectoryKind } from '../../../contract/kinds.js';
import { ErrorCode, errorStatus } from '../../../schema/errors.js';
import {
  DETAIL,
  OPTIONS,
  SEARCH,
  type Detail,
  type DirectoryOptions,
  type SearchPage,
} from '../../../contract/queries/directory.js';
import { stringsFor } from '../../../contract/strings.js';
import { createContext } from '../../graphql/context.js';
import type { Database } from '../../database/database.js';
import { html, layout, STRICT_CSP, type Html } from './html.js';

const t = stringsFor('en-GB');
const PAGE_SIZE = 20;
const stylesheet = fileURLToPath(new URL('./pages.css', import.meta.url));

interface DirectoryQuery {
  text?: string;
  topic?: string;
  area?: string;
  postcode?: string;
  kind?: string | string[];
  after?: string;
}

export const directoryPages: FastifyPluginAsync<{ schema: GraphQLSchema; db: Database; version: string }> = async (
  app,
  { schema, db, version },
) => {
  const css = await readFile(stylesheet, 'utf8');

  /** Runs one of the widget's queries; GraphQL errors come back as their code and message, for the page to show. */
  async function run<T>(
    request: FastifyRequest,
    source: string,
    variables: Record<string, unknown>,
  ): Promise<{ data?: T; error?: { code: ErrorCode; message: string } }> {
    const result = await graphql({
      schema,
      source,
      variableValues: variables,
      contextValue: createContext(db, request.log, request.id, version, 'public'),
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

  const send = (
    reply: { type: (t: string) => unknown; header: (k: string, v: string) => unknown; send: (b: string) => unknown },
    title: string,
    body: Html,
  ) => {
    reply.type('text/html; charset=utf-8');
    reply.header('content-security-policy', STRICT_CSP);
    reply.header('cache-control', 'public, max-age=60');
    return reply.send(layout(`${title}: Partnership Hub`, body, '/directory/assets/pages.css'));
  };

  app.get('/directory/assets/pages.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(css),
  );

  app.get<{ Querystring: DirectoryQuery }>('/directory', async (request, reply) => {
    const q = request.query;
    const one = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
    const text = one(q.text).slice(0, 200);
    const postcode = one(q.postcode);
    const kinds = [q.kind ?? []]
      .flat()
      .map((k) => String(k).toUpperCase())
      .filter(isDirectoryKind);
    const filters = { text, topic: one(q.topic), area: one(q.area), postcode, kinds };
    const [options, results] = await Promise.all([
      run<DirectoryOptions>(request, OPTIONS, { after: null }),
      run<SearchPage>(request, SEARCH, {
        text: text || null,
        topic: filters.topic || null,
        area: postcode ? null : filters.area || null,
        near: postcode ? { postcode, radiusKm: 5 } : null,
        kinds: kinds.length ? kinds : null,
        first: PAGE_SIZE,
        after: one(q.after) || null,
      }),
    ]);
    // The page still renders, saying what went wrong; its status is the error's own, from the catalogue.
    if (results.error) reply.code(errorStatus(results.error.code));
    return send(
      reply,
      t.directoryHeading,
      searchPage(filters, options.data, results.data?.search, results.error, request.query),
    );
  });

  app.get<{ Params: { id: string } }>('/directory/:id', async (request, reply) => {
    const { data, error } = await run<{ node: Detail | null }>(request, DETAIL, { id: request.params.id });
    if (
      error?.code === 'BAD_USER_INPUT' ||
      !data?.node ||
      !['Service', 'Resource', 'Organisation'].includes(data.node.__typename)
    ) {
      reply.code(errorStatus(ErrorCode.NOT_FOUND));
      return send(
        reply,
        'Not found',
        html`<main><h1>Not found</h1><p>${t.errorNotFound}</p><p><a href="/directory">${t.directoryHeading}</a></p></main>`,
      );
    }
    return send(reply, data.node.name, detailPage(data.node));
  });
};

function searchPage(
  filters: { text: string; topic: string; area: string; postcode: string; kinds: string[] },
  options: DirectoryOptions | undefined,
  search: SearchPage['search'] | undefined,
  error: { code: ErrorCode; message: string } | undefined,
  query: DirectoryQuery,
): Html {
  const select = (
    name: string,
    label: string,
    items: { key: string; name: string }[],
    chosen: string,
  ) => html`<div class="field">
    <label for="${name}">${label}</label>
    <select id="${name}" name="${name}"><option value="">${t.anyOption}</option>
      ${items.map((o) => html`<option value="${o.key}"${o.key === chosen ? html` selected` : ''}>${o.name}</option>`)}</select></div>`;
  const next =
    search?.pageInfo.hasNextPage && search.pageInfo.endCursor
      ? `/directory?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([k, v]) => k !== 'after' && typeof v === 'string')), after: search.pageInfo.endCursor })}`
      : undefined;
  return html`<main>
  <h1>${t.directoryHeading}</h1>
  <form method="get" action="/directory" role="search">
    <div class="field"><label for="text">${t.searchLabel}</label><span class="hint" id="text-hint">${t.searchHint}</span>
      <input id="text" name="text" type="search" maxlength="200" aria-describedby="text-hint" value="${filters.text}"></div>
    ${select('topic', t.topicLabel, options?.topics.edges.map((e) => e.node) ?? [], filters.topic)}
    ${select('area', t.areaLabel, options?.areas.edges.map((e) => e.node) ?? [], filters.area)}
    <div class="field"><label for="postcode">${t.postcodeLabel}</label><span class="hint" id="postcode-hint">${t.postcodeHint}</span>
      <input id="postcode" name="postcode" type="text" autocomplete="postal-code" aria-describedby="postcode-hint" value="${filters.postcode}"></div>
    <fieldset><legend>${t.kindLabel}</legend>
      ${DIRECTORY_KINDS.map((k) => html`<label class="choice"><input type="checkbox" name="kind" value="${k.toLowerCase()}"${filters.kinds.includes(k) ? html` checked` : ''}> ${t.kinds[k]}</label>`)}
    </fieldset>
    <button type="submit">${t.searchButton}</button>
  </form>
  ${error ? html`<div class="error" role="alert"><p>${error.code === 'NOT_FOUND' ? t.unknownPostcode : error.message}</p></div>` : ''}
  ${
    search
      ? html`<p class="count">${t.resultsCount(search.edges.length, search.totalCount)}</p>
  ${search.totalCount === 0 ? html`<p>${t.noResults}</p>` : ''}
  <ol class="results">${search.edges.map(
    ({ node, distanceKm }) => html`<li>
    <h2><a href="/directory/${node.id}">${node.name}</a></h2>
    <p class="meta">${t.kindSingular[node.__typename]}${node.demo ? html` · <strong>${t.demoTag}</strong>` : ''}${node.provider ? ` · ${t.providedBy(node.provider.name)}` : ''}${node.publisher ? ` · ${t.publishedBy(node.publisher.name)}` : ''}${distanceKm != null ? ` · ${t.distance(distanceKm)}` : ''}</p>
    ${node.description ? html`<p>${node.description}</p>` : ''}
  </li>`,
  )}</ol>
  ${next ? html`<p><a href="${next}">Next page</a></p>` : ''}`
      : ''
  }
</main>`;
}

function detailPage(d: Detail): Html {
  const row = (label: string, value: unknown) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : '');
  const safeUrl = (href: string | null | undefined) =>
    href && /^https?:\/\//i.test(href) ? html`<a href="${href}" rel="noopener">${href}</a>` : href;
  const l = t.detail;
  return html`<main>
  <p><a href="/directory">${t.directoryHeading}</a></p>
  <h1>${d.name}</h1>
  <p class="meta">${t.kindSingular[d.__typename]}${d.demo ? html` · <strong>${t.demoTag}</strong>` : ''}${d.provider ? ` · ${t.providedBy(d.provider.name)}` : ''}${d.publisher ? ` · ${t.publishedBy(d.publisher.name)}` : ''}</p>
  <dl>
    ${row(l.description, d.description)}
    ${row(l.eligibility, d.eligibility)}
    ${row(l.audience, d.audience)}
    ${row(l.referral, d.referralRoute)}
    ${row(l.phone, d.phone)}
    ${row(l.email, d.email ? html`<a href="mailto:${d.email}">${d.email}</a>` : '')}
    ${row(l.website, safeUrl(d.url ?? d.website))}
    ${row(l.address, d.addressLines?.length ? [...d.addressLines, d.town, d.postcode].filter(Boolean).join(', ') : '')}
    ${row(l.locations, d.locations?.length ? html`<ul>${d.locations.map((x) => html`<li>${[x.name, ...(x.addressLines ?? []), x.town, x.postcode].filter(Boolean).join(', ')}</li>`)}</ul>` : '')}
    ${row(l.areas, d.areas?.map((a) => a.name).join(', '))}
    ${row(l.topics, d.topics?.map((x) => x.name).join(', '))}
    ${row(l.services, d.services?.length ? html`<ul>${d.services.map((s) => html`<li><a href="/directory/${s.id}">${s.name}</a></li>`)}</ul>` : '')}
    ${row(l.programmes, d.partnerships?.length ? html`<ul>${d.partnerships.map((p) => html`<li>${p.programme.name} (${t.roles[p.role] ?? p.role})</li>`)}</ul>` : '')}
  </dl>
</main>`;
}
