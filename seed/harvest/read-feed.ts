// Reads a whole Open Referral UK feed: pages through /services, fetches /services/{id} where a page lists summaries,
// and turns what it read into a GraphBatch through the same tolerant reader as a file.
import { ImportValidationError, formatProblem, type GraphBatch } from '../../schema/records.js';
import { parseOruk } from '../readers/oruk.js';
import {
  FeedError,
  POLITENESS,
  PoliteClient,
  type AnswerCache,
  type Politeness,
  type RequestCounts,
} from './polite-client.js';

export { FeedError, POLITENESS, type AnswerCache, type Politeness } from './polite-client.js';

export interface HarvestReadOptions {
  politeness?: Partial<Politeness>;
  /** Answers from the feed's earlier runs, for conditional requests; filled in with this run's. */
  cache?: AnswerCache;
  /** The most pages read: a feed that never says it has ended is stopped here, and its run fails. */
  maxPages?: number;
  /** Services asked for per page (a feed may send fewer). */
  perPage?: number;
}

export const MAX_PAGES = 1_000;
const PER_PAGE = 100;

export interface FeedRead {
  /** The feed's base URL as harvested, without a trailing slash. */
  feed: string;
  batch: GraphBatch;
  /** The ids of the feed's services, each once. */
  serviceIds: string[];
  pages: number;
  /** Services whose details were fetched because their page listed a summary. */
  detailsFetched: number;
  counts: RequestCounts;
}

/** The fields only a full service has: a page item with none of them is a summary. */
const DETAILS = ['service_at_locations', 'attributes', 'service_areas', 'schedules', 'contacts'];

/** A feed's base URL, checked and without a trailing slash; throws a FeedError naming what is wrong. */
export function feedBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FeedError(
      'invalid',
      url,
      `"${url}" is not a URL: give the feed's base URL, such as https://example.org/oruk`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new FeedError('invalid', url, `"${url}" is not an http or https URL`);
  if (parsed.search || parsed.hash)
    throw new FeedError('invalid', url, `"${url}" has a query or fragment: give the base URL that /services follows`);
  return parsed.toString().replace(/\/+$/, '');
}

/** A number a page states, whether sent as a number or as text; undefined when it states none. */
function stated(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A page's services, whether the feed sends a page object or a bare array; a FeedError if neither. */
function contentsOf(page: unknown, url: string): unknown[] {
  if (Array.isArray(page)) return page;
  if (isObject(page) && Array.isArray(page.contents)) return page.contents;
  throw new FeedError('invalid', url, `${url} is not a page of services (no "contents" list)`);
}

const idOf = (service: unknown): string | undefined =>
  isObject(service) && typeof service.id === 'string' && service.id !== '' ? service.id : undefined;

/** Runs `work` on each item with at most `concurrency` at once, in order of the items. */
async function eachLimited<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * Reads every service of the feed at `url`. Throws a FeedError when the feed cannot be read whole (a timeout after
 * retries, an HTTP error, a body that is not JSON, a page that repeats or more pages than `maxPages`, a service that
 * cannot be understood): a harvest writes nothing from a feed it could read only in part, since every service it
 * missed would look withdrawn.
 */
export async function readFeed(url: string, options: HarvestReadOptions = {}): Promise<FeedRead> {
  const feed = feedBase(url);
  const client = new PoliteClient({ ...POLITENESS, ...options.politeness }, options.cache ?? new Map());
  const maxPages = options.maxPages ?? MAX_PAGES;
  const perPage = options.perPage ?? PER_PAGE;
  const services = new Map<string, unknown>();
  let pages = 0;
  for (let number = 1; ; number++) {
    if (number > maxPages)
      throw new FeedError(
        'loop',
        `${feed}/services`,
        `${feed}/services has more than ${maxPages} pages: stopped there`,
      );
    const pageUrl = `${feed}/services?page=${number}&per_page=${perPage}`;
    const page = await client.json(pageUrl);
    pages++;
    const contents = contentsOf(page, pageUrl);
    if (contents.length === 0) break;
    let fresh = 0;
    for (const service of contents) {
      const id = idOf(service);
      if (id === undefined)
        throw new FeedError(
          'invalid',
          pageUrl,
          `${pageUrl} lists a service without an id (item ${contents.indexOf(service) + 1})`,
        );
      if (!services.has(id)) fresh++;
      services.set(id, service);
    }
    const meta = isObject(page) ? page : {};
    const total = stated(meta.total_pages);
    const saysMore = meta.last_page === false || meta.last_page === 'false' || (total !== undefined && number < total);
    // A page of nothing but services already read: a feed that says nothing of its pages ignores page= and has been
    // read whole; one that says there are more is going round again, and reading on would never end.
    if (fresh === 0) {
      if (saysMore)
        throw new FeedError(
          'loop',
          pageUrl,
          `${pageUrl} repeats services already read on earlier pages: the feed's paging loops`,
        );
      break;
    }
    if (meta.last_page === true || meta.last_page === 'true' || (total !== undefined && number >= total)) break;
    // Otherwise on to the next page, until one is empty: a short page is no proof of the last, since feeds may send
    // fewer than per_page asks, and stopping early would withdraw every service on the pages not read.
  }

  const summaries = [...services.entries()].filter(
    ([, service]) => isObject(service) && !DETAILS.some((field) => field in service),
  );
  await eachLimited(summaries, client.concurrency, async ([id]) => {
    const detailUrl = `${feed}/services/${encodeURIComponent(id)}`;
    const detail = await client.json(detailUrl);
    if (idOf(detail) !== id)
      throw new FeedError('invalid', detailUrl, `${detailUrl} does not send the service ${id} its page listed`);
    services.set(id, detail);
  });

  let batch: GraphBatch;
  try {
    batch = parseOruk(`${feed}/services`, [...services.values()]);
  } catch (error) {
    if (!(error instanceof ImportValidationError)) throw error;
    const first = error.problems.slice(0, 3).map(formatProblem).join(' ');
    throw new FeedError(
      'invalid',
      `${feed}/services`,
      `${error.problems.length} problem(s) in the feed's services, none of it imported: ${first}${error.problems.length > 3 ? ' …' : ''}`,
    );
  }
  return {
    feed,
    batch,
    serviceIds: [...services.keys()],
    pages,
    detailsFetched: summaries.length,
    counts: client.counts,
  };
}
