// The Open Referral UK 3.0 feed under /oruk: read-only, public, paged in the standard's envelope, CORS for anyone.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { validate as isUuid } from 'uuid';
import { ErrorCode, errorMessage } from '../../schema/errors.js';
import { normalisePostcode } from '../../schema/postcodes.js';
import {
  serviceAtLocationById,
  serviceAtLocationPage,
  serviceById,
  publishedTerms,
  servicePage,
  topics,
  type OrukFilters,
} from '../database/oruk.js';
import { postcodeAreaCode, postcodeCentroid } from '../database/search.js';
import type { Database } from '../database/database.js';
import {
  serviceAtLocation,
  serviceAtLocationFull,
  serviceFull,
  serviceSummary,
  taxonomyTerm,
  TAXONOMY,
  withDistance,
} from '../oruk/mapping.js';
import { publishedTaxonomies, publishedTerm } from '../oruk/published.js';
import { notModified } from './answer-cache.js';
import { sendError } from './errors.js';

const OPENAPI = new URL('../../schema/oruk/openapi.json', import.meta.url);
const MAX_PER_PAGE = 100;

type Query = Record<string, string | undefined>;

class BadRequest extends Error {}

function page<T>(contents: T[], total: number, pageNumber: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

function whole(query: Query, name: string, fallback: number, min: number, max: number): number {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new BadRequest(`${name} must be a whole number from ${min} to ${max}.`);
  return value;
}

function paging(query: Query) {
  const pageNumber = whole(query, 'page', 1, 1, 1_000_000);
  const perPage = whole(query, 'per_page', 20, 1, MAX_PER_PAGE);
  return { pageNumber, perPage, offset: (pageNumber - 1) * perPage };
}

function uuidParam(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (!isUuid(value)) throw new BadRequest(`${name} must be a UUID.`);
  return value;
}

async function filtersOf(db: Database, query: Query): Promise<OrukFilters> {
  const filters: OrukFilters = { search: query.search || undefined };
  filters.taxonomyTermId = uuidParam(query, 'taxonomy_term_id');
  const taxonomyId = uuidParam(query, 'taxonomy_id');
  // Our taxonomy means any topic; another is a published one, whose terms its services were classified by.
  if (taxonomyId === TAXONOMY.id) filters.anyTerm = true;
  else if (taxonomyId) filters.taxonomyId = taxonomyId;
  if (query.minimum_age) filters.minimumAge = whole(query, 'minimum_age', 0, 0, 150);
  if (query.maximum_age) filters.maximumAge = whole(query, 'maximum_age', 0, 0, 150);
  if (query.postcode) {
    const postcode = normalisePostcode(query.postcode);
    if (!postcode) throw new BadRequest('postcode must be a UK postcode, such as SE1 2DL.');
    const centre = await postcodeCentroid(db, postcode);
    if (!centre) throw new BadRequest(`The postcode ${postcode} is not in this directory's postcode data.`);
    // Given a postcode, results come nearest first, each with its distance in metres, as ORUK's users ask.
    filters.from = centre;
    if (query.proximity) filters.near = { ...centre, metres: whole(query, 'proximity', 0, 1, 200_000) };
    else {
      filters.postcodeArea = (await postcodeAreaCode(db, postcode)) ?? '-';
    }
  } else if (query.proximity) {
    throw new BadRequest('proximity needs a postcode to measure from.');
  }
  return filters;
}

function notFound(reply: FastifyReply, what: string) {
  return sendError(reply, ErrorCode.NOT_FOUND, errorMessage(ErrorCode.NOT_FOUND, what));
}

/** `publicUrl` gives the service's public address (PUBLIC_URL): the Host header is the client's to choose. */
export const orukFeed: FastifyPluginAsync<{ db: Database; publicUrl: () => string }> = async (
  app,
  { db, publicUrl },
) => {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
  });
  // Other directories harvest the feed page by page on a schedule: a page unchanged since their last visit is a 304
  // with no body (as /graphql's GETs are) rather than the page sent again. Strong, from the bytes sent, so an
  // answer is only ever matched by itself; refusals and errors carry none.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 200 || (request.method !== 'GET' && request.method !== 'HEAD')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    void reply.header('etag', etag);
    if (!notModified(request.headers['if-none-match'], etag)) return payload;
    void reply.code(304).removeHeader('content-type').removeHeader('content-length');
    return null;
  });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof BadRequest) return sendError(reply, ErrorCode.BAD_USER_INPUT, error.message);
    throw error;
  });

  app.get('/', async () => {
    return {
      version: 'HSDS-UK-3.0',
      profile: 'https://openreferraluk.org',
      openapi_url: `${publicUrl()}/oruk/openapi.json`,
    };
  });
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json').send(await readFile(OPENAPI)));

  app.get<{ Querystring: Query }>('/services', async (request) => {
    const { pageNumber, perPage, offset } = paging(request.query);
    const { total, rows } = await servicePage(db, await filtersOf(db, request.query), offset, perPage);
    return page(
      rows.map((row) => withDistance(row, serviceSummary(row))),
      total,
      pageNumber,
      perPage,
    );
  });
  app.get<{ Params: { id: string } }>('/services/:id', async (request, reply) => {
    if (!isUuid(request.params.id)) throw new BadRequest('The service id must be a UUID.');
    const row = await serviceById(db, request.params.id);
    return row ? serviceFull(row) : notFound(reply, 'service');
  });

  app.get<{ Querystring: Query }>('/service_at_locations', async (request) => {
    const { pageNumber, perPage, offset } = paging(request.query);
    // Paged by service-at-location in Cypher: a page reads the details of its own services, never the directory's.
    const filters = await filtersOf(db, request.query);
    const { total, rows } = await serviceAtLocationPage(db, filters, offset, perPage);
    const items = rows.flatMap(({ row, linkId }) =>
      row.locations
        .filter((link) => link.linkId === linkId)
        .map((link) => withDistance(row, { ...serviceAtLocation(row, link), service: serviceSummary(row) })),
    );
    return page(items, total, pageNumber, perPage);
  });
  app.get<{ Params: { id: string } }>('/service_at_locations/:id', async (request, reply) => {
    if (!isUuid(request.params.id)) throw new BadRequest('The service_at_location id must be a UUID.');
    const found = await serviceAtLocationById(db, request.params.id);
    return found ? serviceAtLocationFull(found.row, found.linkId) : notFound(reply, 'service_at_location');
  });

  /** Every term served: our topics (our taxonomy), then other taxonomies' terms as their feeds published them. */
  const allTerms = async () => [
    ...(await topics(db)).map(taxonomyTerm),
    ...(await publishedTerms(db)).map(publishedTerm),
  ];

  app.get<{ Querystring: Query }>('/taxonomies', async (request) => {
    const { pageNumber, perPage, offset } = paging(request.query);
    const taxonomies = [TAXONOMY, ...publishedTaxonomies(await publishedTerms(db))];
    return page(taxonomies.slice(offset, offset + perPage), taxonomies.length, pageNumber, perPage);
  });
  app.get<{ Params: { id: string } }>('/taxonomies/:id', async (request, reply) => {
    if (request.params.id === TAXONOMY.id) return { ...TAXONOMY, taxonomy_terms: (await topics(db)).map(taxonomyTerm) };
    const terms = (await publishedTerms(db)).filter((t) => t.taxonomyId === request.params.id);
    const [taxonomy] = publishedTaxonomies(terms);
    return taxonomy ? { ...taxonomy, taxonomy_terms: terms.map(publishedTerm) } : notFound(reply, 'taxonomy');
  });
  app.get<{ Querystring: Query }>('/taxonomy_terms', async (request) => {
    const { pageNumber, perPage, offset } = paging(request.query);
    const terms = await allTerms();
    return page(terms.slice(offset, offset + perPage), terms.length, pageNumber, perPage);
  });
  app.get<{ Params: { id: string } }>('/taxonomy_terms/:id', async (request, reply) => {
    const term = (await allTerms()).find((t) => t.id === request.params.id);
    return term ?? notFound(reply, 'taxonomy term');
  });
};
