// /directory: the directory as plain HTML pages, for readers without JavaScript (the directory widget's fallback link
// leads here) and for search engines, with schema.org JSON-LD. They run the widget's own GraphQL documents (from the
// shared contract) in-process, as the public role, and show its strings (Welsh with ?lang=cy).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../../contract/errors.js';
import { DIRECTORY_KINDS, isDirectoryKind } from '../../../contract/kinds.js';
import { type OpeningHours, openingTimes } from '../../../contract/opening-hours.js';
import {
  DETAIL,
  OPTIONS,
  SEARCH,
  type Detail,
  type DirectoryOptions,
  type Option,
  type SearchPage,
} from '../../../contract/queries/directory.js';
import type { SourceLink } from '../../../contract/queries/document.js';
import { documentStrings } from '../../../contract/strings-document.js';
import type { Strings } from '../../../contract/strings.js';
import { html, jsonLd, type Html } from './html.js';
import { inLanguage, type PageDependencies, pageStrings, runQuery, sendPage, sourceLinks } from './page.js';

const PAGE_SIZE = 20;
/** Boroughs come 100 to a page; England has about 300, so a few pages, with a bound in case the data grows wild. */
const MAX_AREA_PAGES = 20;
const stylesheet = fileURLToPath(new URL('./pages.css', import.meta.url));

/** A record's documents, with the first passage that holds it when there is one (reference data has none). */
type Sourced = { sourceDocuments?: (SourceLink & { passages: { line: number }[] })[] };

/**
 * The widget's own document, each record also asked where it was read from (the widget does not show it): the same
 * query, and a constant number of round trips more, however many results the page has.
 */
function withSources(document: string): string {
  const sources = 'sourceDocuments { title url passages(first: 1) { line } }';
  const fragments = ['Service', 'Resource', 'Organisation'].map((t) => `... on ${t} { ${sources} }`).join(' ');
  const extended = document.replace('__typename', `__typename ${fragments}`);
  if (extended === document) throw new Error('the directory document no longer asks for __typename');
  return extended;
}
const SEARCH_WITH_SOURCES = withSources(SEARCH);
const DETAIL_WITH_SOURCES = withSources(DETAIL);

/** The documents that hold a record's words: a link to the passage, not to a document that only lists it. */
const quoted = (record: object) => ((record as Sourced).sourceDocuments ?? []).filter((d) => d.passages.length > 0);

interface DirectoryQuery {
  text?: string;
  topic?: string;
  area?: string;
  postcode?: string;
  kind?: string | string[];
  after?: string;
  lang?: string;
}

export const directoryPages: FastifyPluginAsync<PageDependencies> = async (app, deps) => {
  const css = await readFile(stylesheet, 'utf8');

  /** The filters' topics and every borough, following the boroughs' pages as the widget does. */
  async function options(request: FastifyRequest, t: Strings): Promise<{ topics: Option[]; areas: Option[] }> {
    const topics: Option[] = [];
    const areas: Option[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_AREA_PAGES; page++) {
      const { data }: { data?: DirectoryOptions } = await runQuery<DirectoryOptions>(deps, request, OPTIONS, { after });
      if (!data) break;
      if (page === 0) topics.push(...data.topics.edges.map((e) => e.node));
      areas.push(...data.areas.edges.map((e) => e.node));
      if (!data.areas.pageInfo.hasNextPage) break;
      after = data.areas.pageInfo.endCursor;
    }
    areas.sort((a, b) => a.name.localeCompare(b.name, t.locale));
    return { topics, areas };
  }

  app.get('/directory/assets/pages.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(css),
  );

  app.get<{ Querystring: DirectoryQuery }>('/directory', async (request, reply) => {
    const t = pageStrings(request);
    const q = request.query;
    const one = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
    const text = one(q.text).slice(0, 200);
    const postcode = one(q.postcode);
    const kinds = [q.kind ?? []]
      .flat()
      .map((k) => String(k).toUpperCase())
      .filter(isDirectoryKind);
    const filters = { text, topic: one(q.topic), area: one(q.area), postcode, kinds };
    const [choices, results] = await Promise.all([
      options(request, t),
      runQuery<SearchPage>(deps, request, SEARCH_WITH_SOURCES, {
        text: text || null,
        topic: filters.topic || null,
        area: postcode ? null : filters.area || null,
        near: postcode ? { postcode, radiusKm: 5 } : null,
        kinds: kinds.length ? kinds : null,
        first: PAGE_SIZE,
        after: one(q.after) || null,
      }),
    ]);
    if (results.error && results.error.code !== 'NOT_FOUND' && results.error.code !== 'BAD_USER_INPUT') reply.code(503);
    else if (results.error) reply.code(400);
    const search = results.data?.search;
    return sendPage(
      reply,
      t,
      t.directoryHeading,
      searchPage(t, filters, choices, search, results.error, request.query),
      search ? jsonLd(resultList(t, search)) : undefined,
    );
  });

  app.get<{ Params: { id: string }; Querystring: { lang?: string } }>('/directory/:id', async (request, reply) => {
    const t = pageStrings(request);
    const { data, error } = await runQuery<{ node: (Detail & Sourced) | null }>(deps, request, DETAIL_WITH_SOURCES, {
      id: request.params.id,
    });
    if (
      error?.code === 'BAD_USER_INPUT' ||
      !data?.node ||
      !['Service', 'Resource', 'Organisation'].includes(data.node.__typename)
    ) {
      reply.code(404);
      return sendPage(
        reply,
        t,
        t.notFoundHeading,
        html`<main><h1>${t.notFoundHeading}</h1><p>${t.errorNotFound}</p><p><a href="/directory">${t.directoryHeading}</a></p></main>`,
      );
    }
    return sendPage(reply, t, data.node.name, detailPage(t, data.node), jsonLd(structuredDetail(data.node)));
  });
};

/** schema.org types of the directory's records. */
const SCHEMA_TYPE: Record<Detail['__typename'], string> = {
  Service: 'Service',
  Resource: 'CreativeWork',
  Organisation: 'Organization',
};

/** A page of results as a schema.org ItemList, each item linking to its own page. */
function resultList(t: Strings, search: SearchPage['search']): Record<string, unknown> {
  return {
    '@type': 'ItemList',
    name: t.directoryHeading,
    numberOfItems: search.totalCount,
    itemListElement: search.edges.map(({ node }, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      url: `/directory/${node.id}`,
      item: {
        '@type': SCHEMA_TYPE[node.__typename],
        name: node.name,
        ...(node.description ? { description: node.description } : {}),
      },
    })),
  };
}

/** A service, resource or organisation as schema.org describes it, with only the fields the record has. */
function structuredDetail(d: Detail): Record<string, unknown> {
  const organisation = (name: string) => ({ '@type': 'Organization', name });
  const entries: [string, unknown][] = [
    ['@type', SCHEMA_TYPE[d.__typename]],
    ['name', d.name],
    ['description', d.description],
    ['provider', d.provider ? organisation(d.provider.name) : undefined],
    ['publisher', d.publisher ? organisation(d.publisher.name) : undefined],
    ['areaServed', d.areas?.length ? d.areas.map((a) => ({ '@type': 'AdministrativeArea', name: a.name })) : undefined],
    [
      'audience',
      d.eligibility || d.audience ? { '@type': 'Audience', audienceType: d.eligibility ?? d.audience } : undefined,
    ],
    ['keywords', d.topics?.length ? d.topics.map((x) => x.name).join(', ') : undefined],
    ['hoursAvailable', hoursAvailable(d.openingHours ?? [])],
    ['telephone', d.phone],
    ['email', d.email],
    ['url', d.url ?? d.website],
    [
      'address',
      d.addressLines?.length
        ? {
            '@type': 'PostalAddress',
            streetAddress: d.addressLines.join(', '),
            addressLocality: d.town,
            postalCode: d.postcode,
          }
        : undefined,
    ],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== null && value !== ''));
}

function searchPage(
  t: Strings,
  filters: { text: string; topic: string; area: string; postcode: string; kinds: string[] },
  options: { topics: Option[]; areas: Option[] },
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
  <form method="get" action="/directory" role="search">${t.locale === 'en-GB' ? '' : html`<input type="hidden" name="lang" value="${t.locale}">`}
    <div class="field"><label for="text">${t.searchLabel}</label><span class="hint" id="text-hint">${t.searchHint}</span>
      <input id="text" name="text" type="search" maxlength="200" aria-describedby="text-hint" value="${filters.text}"></div>
    ${select('topic', t.topicLabel, options.topics, filters.topic)}
    ${select('area', t.areaLabel, options.areas, filters.area)}
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
    <h2><a href="${inLanguage(t, `/directory/${node.id}`)}">${node.name}</a></h2>
    <p class="meta">${t.kindSingular[node.__typename]}${sourceLinks(t, quoted(node), node.name)}${node.demo ? html` · <strong>${t.demoTag}</strong>` : ''}${node.provider ? ` · ${t.providedBy(node.provider.name)}` : ''}${node.publisher ? ` · ${t.publishedBy(node.publisher.name)}` : ''}${distanceKm != null ? ` · ${t.distance(distanceKm)}` : ''}</p>
    ${node.description ? html`<p>${node.description}</p>` : ''}
  </li>`,
  )}</ol>
  ${next ? html`<p><a href="${next}">${t.nextPage}</a></p>` : ''}`
      : ''
  }
</main>`;
}

function detailPage(t: Strings, d: Detail & Sourced): Html {
  const row = (label: string, value: unknown) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : '');
  const safeUrl = (href: string | null | undefined) =>
    href && /^https?:\/\//i.test(href) ? html`<a href="${href}" rel="noopener">${href}</a>` : href;
  const l = t.detail;
  return html`<main>
  <p><a href="${inLanguage(t, '/directory')}">${t.directoryHeading}</a></p>
  <h1>${d.name}</h1>
  <p class="meta">${t.kindSingular[d.__typename]}${d.demo ? html` · <strong>${t.demoTag}</strong>` : ''}${d.provider ? ` · ${t.providedBy(d.provider.name)}` : ''}${d.publisher ? ` · ${t.publishedBy(d.publisher.name)}` : ''}</p>
  ${
    quoted(d).length > 0
      ? html`<p>${quoted(d).map((s) => html`<a href="${inLanguage(t, s.url)}">${documentStrings(t.locale).readInDocument(s.title)}</a> `)}</p>`
      : ''
  }
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
    ${d.__typename === 'Service' ? openingHoursRow(t, d.openingHours) : ''}
    ${row(l.areas, d.areas?.map((a) => a.name).join(', '))}
    ${row(l.topics, d.topics?.map((x) => x.name).join(', '))}
    ${row(l.services, d.services?.length ? html`<ul>${d.services.map((s) => html`<li><a href="${inLanguage(t, `/directory/${s.id}`)}">${s.name}</a></li>`)}</ul>` : '')}
    ${row(l.programmes, d.partnerships?.length ? html`<ul>${d.partnerships.map((p) => html`<li>${p.programme.name} (${t.roles[p.role] ?? p.role})</li>`)}</ul>` : '')}
  </dl>
</main>`;
}

/** A service's opening times: a table of days (a header cell each), or the words saying they are not published. */
function openingHoursRow(t: Strings, hours: OpeningHours[] | undefined): Html {
  const o = t.openingHours;
  const { rows, other } = openingTimes(hours, t);
  const notes = rows.some((r) => r.note);
  const table =
    rows.length > 0
      ? html`<table class="opening-hours" aria-labelledby="opening-hours">
      <thead><tr><th scope="col">${o.day}</th><th scope="col">${o.times}</th>${notes ? html`<th scope="col">${o.notes}</th>` : ''}</tr></thead>
      <tbody>${rows.map((r) => html`<tr><th scope="row">${r.days}</th><td>${r.times}</td>${notes ? html`<td>${r.note}</td>` : ''}</tr>`)}</tbody>
    </table>`
      : '';
  return html`<dt id="opening-hours">${o.heading}</dt>
    <dd>${rows.length === 0 && other.length === 0 ? html`<p>${o.notPublished}</p>` : html`${table}${other.map((text) => html`<p>${text}</p>`)}`}</dd>`;
}

/**
 * The weekly hours as schema.org's OpeningHoursSpecification, for search engines; a day of the month or a fortnightly
 * session has no such form, so only the table says those.
 */
function hoursAvailable(hours: OpeningHours[]): Record<string, unknown>[] | undefined {
  const day = (d: string) => `https://schema.org/${d.charAt(0)}${d.slice(1).toLowerCase()}`;
  const weekly = hours
    .filter((h) => h.day && h.opens && h.closes && !h.weekOfMonth && !h.everyWeeks)
    .map((h) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: day(h.day!),
      opens: h.opens,
      closes: h.closes,
      ...(h.validFrom ? { validFrom: h.validFrom } : {}),
      ...(h.validTo ? { validThrough: h.validTo } : {}),
    }));
  return weekly.length > 0 ? weekly : undefined;
}
