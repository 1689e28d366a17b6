// Public GraphQL answers (the widgets' persisted-query GETs, and public POSTs) kept as the bytes Apollo sent and served again as they are.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { getOperationAST, parse } from 'graphql';
import { Counter } from 'prom-client';
import { cachedKeyFor, presentedSecret } from '../graphql/access.js';
import { looksLikeJwt } from '../graphql/oidc.js';
import type { ResponseStore } from '../graphql/response-cache.js';
import { countOperation } from '../metrics/graphql.js';
import { registry } from '../metrics/registry.js';
import { flushSeries } from '../metrics/series.js';

/** The most the answers held here may weigh together, bodies and keys: the least recently used go first. */
export const ANSWER_CACHE_BYTES = 32 * 1024 * 1024;

/** One stored answer: its bytes and the headers that describe them, as Apollo sent them the first time. */
export interface StoredAnswer {
  body: Buffer;
  etag: string;
  contentType: string;
  cacheControl: string;
  storedAt: number;
  /** Never later than the Cache-Control max-age allows: the staleness bound an import by another process relies on. */
  expiresAt: number;
  weight: number;
  /**
   * The operation's name, so that an answer sent from here is counted in hub_graphql_operations_total as Apollo counts
   * the ones it makes (a stored answer is always a query: Apollo marks nothing else public).
   */
  operationName?: string;
}

/**
 * Answers of one generation, bounded in bytes. A Map kept in insertion order doubles as the LRU. Generations only
 * grow, so meeting a newer one empties the lot at once, and an answer read under an older one is never stored.
 */
export class AnswerBytes {
  private readonly answers = new Map<string, StoredAnswer>();
  private generation = Number.NEGATIVE_INFINITY;
  private weight = 0;
  /** The key last made the most recently used (the Map's last), if it is still held. */
  private newest: string | undefined;

  /** An answer heavier than a quarter of the bound is left to Apollo's response cache: one network must not push out hundreds of searches. */
  constructor(readonly bound = ANSWER_CACHE_BYTES) {}

  get(key: string, generation: number, now: number): StoredAnswer | undefined {
    if (!this.follow(generation)) return undefined;
    const answer = this.answers.get(key);
    if (!answer) return undefined;
    if (answer.expiresAt <= now) {
      this.forget(key, answer);
      return undefined;
    }
    // Made the most recently used, unless it is already: the same popular answer asked again and again moves nothing.
    if (key !== this.newest) {
      this.answers.delete(key);
      this.answers.set(key, answer);
      this.newest = key;
    }
    return answer;
  }

  set(key: string, generation: number, answer: StoredAnswer): void {
    if (!this.follow(generation) || generation !== this.generation || answer.weight > this.bound / 4) return;
    const earlier = this.answers.get(key);
    if (earlier) this.forget(key, earlier);
    this.answers.set(key, answer);
    this.weight += answer.weight;
    this.newest = key;
    for (const [oldest, stored] of this.answers) {
      if (this.weight <= this.bound) break;
      this.forget(oldest, stored);
    }
  }

  /** What is held, for tests and the memory report. */
  get usage(): { answers: number; bytes: number; bound: number } {
    return { answers: this.answers.size, bytes: this.weight, bound: this.bound };
  }

  /** Moves to `generation` when it is newer (emptying everything); false when it is older than what is held. */
  private follow(generation: number): boolean {
    if (generation < this.generation) return false;
    if (generation > this.generation) {
      this.answers.clear();
      this.weight = 0;
      this.newest = undefined;
      this.generation = generation;
    }
    return true;
  }

  private forget(key: string, answer: StoredAnswer): void {
    this.answers.delete(key);
    this.weight -= answer.weight;
    if (key === this.newest) this.newest = undefined;
  }
}

export interface AnswerCacheOptions {
  /** The response cache whose generation this one follows: a write, an import or a restore empties both. */
  responseCache: ResponseStore;
  adminToken?: string;
  localAdminToken?: string;
  /** Whether sign-in tokens are accepted: a JWT then names a role only the identity provider can tell. */
  oidc: boolean;
  production: boolean;
  answers?: AnswerBytes;
}

/** What a public request looked up and did not find: stored on the way out if Apollo answers it cleanly. */
interface Lookup {
  key: string;
  generation: number;
  hit: boolean;
  post: boolean;
}

export const GRAPHQL = '/graphql';

/**
 * The name of the operation a request asked for: its operationName, else the name in its query text (read only when
 * an answer is stored, so once per answer). A persisted query sent by hash alone without a name is anonymous.
 */
export function operationNameOf(params: unknown): string | undefined {
  const { query, operationName } = (params ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof operationName === 'string' && operationName !== '') return operationName;
  if (typeof query !== 'string') return undefined;
  try {
    return getOperationAST(parse(query))?.name?.value;
  } catch {
    return undefined;
  }
}

/**
 * Stored answers sent, by method and by where: below Fastify (fast-path.ts) or from Fastify's hook. Both are in the
 * request counts too; this says how many requests the cache spared Apollo, and whether the fast path is taking them.
 */
export const storedAnswersSent = new Counter({
  name: 'hub_answer_cache_hits_total',
  help: 'Public GraphQL answers sent as stored bytes, by method and by path (below-fastify or fastify-hook).',
  labelNames: ['method', 'path'] as const,
  registers: [registry],
  collect() {
    flushSeries(this);
  },
});
const digest = (value: string) => createHash('sha256').update(value).digest();
const sameSecret = (secret: string, known: string | undefined) =>
  known !== undefined && timingSafeEqual(digest(secret), digest(known));

/**
 * Whether Apollo's CSRF prevention would let this GET through: only then may it be answered here, so that a
 * cross-site image or form is refused by Apollo as before, not served from the cache.
 */
export function preflighted(headers: IncomingHttpHeaders): boolean {
  return ['apollo-require-preflight', 'x-apollo-operation-name'].some((name) => {
    const value = headers[name];
    return typeof value === 'string' && value !== '';
  });
}

/**
 * Whether the request is surely public, decided without the database: no key, or a public key already known to the
 * key cache (the rate limit looked it up moments ago) and used from one of its origins. Anything else (a token, an
 * analyst's or admin's key, a key not known yet or refused) goes to Apollo, which decides and refuses as before.
 */
export function surelyPublic(headers: IncomingHttpHeaders, options: AnswerCacheOptions): boolean {
  const secret = presentedSecret(headers);
  if (secret === undefined) return true;
  if (sameSecret(secret, options.localAdminToken) || sameSecret(secret, options.adminToken)) return false;
  if (options.oidc && looksLikeJwt(secret)) return false;
  const key = cachedKeyFor(secret);
  if (key?.role !== 'public') return false;
  const origin = headers.origin;
  return key.origins.length === 0 || typeof origin !== 'string' || key.origins.includes(origin);
}

/** Apollo negotiates the body's media type from Accept, so the same URL may be answered in two types. */
export function getKey(headers: IncomingHttpHeaders, url: string): string {
  return `public\n${headers.accept ?? ''}\n${url}`;
}

/**
 * A POST's key is its parsed body written out again (query, variables, operation name, extensions): apart from GETs',
 * which start with the Accept header, never with "POST".
 */
function postKey(headers: IncomingHttpHeaders, body: unknown): string {
  return `POST\n${headers.accept ?? ''}\n${JSON.stringify(body)}`;
}

/**
 * Whether Apollo would read this POST as JSON, the one media type CSRF prevention lets through without a preflight
 * header and the only one whose answers are kept.
 */
function postedJson(headers: IncomingHttpHeaders): boolean {
  const type = headers['content-type'];
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type);
}

/** Whether If-None-Match names this answer (weak comparison, as RFC 9110 asks for GET). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const given = tag.trim();
    return given === '*' || given.replace(/^W\//, '') === etag;
  });
}

/** How long an answer marked publicly cacheable may be reused, in seconds; 0 when it is not so marked. */
export function publicMaxAge(cacheControl: unknown): number {
  if (typeof cacheControl !== 'string' || !/\bpublic\b/.test(cacheControl)) return 0;
  const maxAge = /\bmax-age=(\d+)/.exec(cacheControl);
  return maxAge ? Number(maxAge[1]) : 0;
}

function sendStored(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: StoredAnswer,
  production: boolean,
): FastifyReply {
  const now = Date.now();
  void reply
    .header('etag', answer.etag)
    .header('cache-control', answer.cacheControl)
    // As Apollo's response cache says on its hits: a browser then keeps the answer only for what is left of max-age.
    .header('age', String(Math.floor((now - answer.storedAt) / 1000)))
    .header('x-cache', 'hit');
  if (!production) void reply.header('x-db-round-trips', '0');
  if (notModified(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
  return reply.code(200).header('content-type', answer.contentType).send(answer.body);
}

/**
 * A stored POST answer: as a GET's but without ETag or 304, which RFC 9110 leaves to GET and HEAD (Apollo's own
 * answers to POSTs carry neither).
 */
function sendStoredPost(reply: FastifyReply, answer: StoredAnswer, production: boolean): FastifyReply {
  void reply
    .header('cache-control', answer.cacheControl)
    .header('age', String(Math.floor((Date.now() - answer.storedAt) / 1000)))
    .header('x-cache', 'hit');
  if (!production) void reply.header('x-db-round-trips', '0');
  return reply.code(200).header('content-type', answer.contentType).send(answer.body);
}

const answerCache: FastifyPluginAsync<AnswerCacheOptions> = async (app, options) => {
  const answers = options.answers ?? new AnswerBytes();
  const lookups = new WeakMap<FastifyRequest, Lookup>();

  // A preHandler, so that everything before it still runs for a stored answer: the rate limit counts it against its
  // budget (and a key's usage), CORS sets its headers, an outage refuses it. Most stored GETs are answered before
  // Fastify by fast-path.ts; this one answers those it leaves (a trusted proxy list, tracing on, a refusal to make).
  // A public POST (the network widget's query, say) is answered from its bytes too: re-serialising a large answer
  // from Apollo's response cache cost milliseconds of CPU each time.
  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.url !== GRAPHQL) return;
    const post = request.method === 'POST';
    if (post ? !postedJson(request.headers) : request.method !== 'GET' || !preflighted(request.headers)) return;
    // With Redis, a POST's answer is the one copy Redis holds for every instance, so flushing Redis (or its loss of
    // the generation) stops every instance serving it: a copy per instance would outlive that.
    if (post && options.responseCache.state !== 'in-process') return;
    if (!surelyPublic(request.headers, options)) return;
    const generation = await options.responseCache.currentGeneration();
    if (generation === undefined) return;
    const key = post ? postKey(request.headers, request.body) : getKey(request.headers, request.url);
    const answer = answers.get(key, generation, Date.now());
    lookups.set(request, { key, generation, hit: answer !== undefined, post });
    if (!answer) return;
    storedAnswersSent.inc({ method: request.method, path: 'fastify-hook' });
    countOperation('query', answer.operationName);
    return post
      ? sendStoredPost(reply, answer, options.production)
      : sendStored(request, reply, answer, options.production);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const lookup = lookups.get(request);
    if (!lookup || lookup.hit || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const cacheControl = reply.getHeader('cache-control');
    const maxAge = publicMaxAge(cacheControl);
    const contentType = reply.getHeader('content-type');
    // Apollo marks an answer public only for a query without errors; the body is checked too, as that is what matters.
    if (maxAge <= 0 || typeof contentType !== 'string' || payload.startsWith('{"errors"')) return payload;
    const body = Buffer.from(payload);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const storedAt = Date.now();
    answers.set(lookup.key, lookup.generation, {
      body,
      etag,
      contentType,
      cacheControl: String(cacheControl),
      storedAt,
      expiresAt: storedAt + maxAge * 1000,
      weight: body.length + lookup.key.length,
      operationName: operationNameOf(lookup.post ? request.body : request.query),
    });
    // A POST's first answer goes out as Apollo made it, headers included.
    if (!lookup.post) void reply.header('etag', etag).header('x-cache', 'miss');
    return payload;
  });
};

/** Registered after the rate limit and CORS and before Apollo's route, whose GETs it may answer first. */
export const publicAnswerCache = fp(answerCache, { name: 'public-answer-cache' });
