// Stored public GETs answered by the Node server's own request handler, before Fastify builds a request or runs a hook.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readiness } from '../health.js';
import type { Logger } from '../logger.js';
import { operationSeries } from '../metrics/graphql.js';
import { httpDuration, httpRequests } from '../metrics/registry.js';
import { type CounterSeries, counterSeries } from '../metrics/series.js';
import { activeTracer } from '../tracing/tracer.js';
import { cachedKeyFor, presentedSecret } from '../graphql/access.js';
import {
  type AnswerBytes,
  type AnswerCacheOptions,
  GRAPHQL,
  getKey,
  notModified,
  preflighted,
  type StoredAnswer,
  storedAnswersSent,
  surelyPublic,
} from './answer-cache.js';
import type { LimitedRequest, Spent } from './rate-limit.js';

export type { LimitedRequest, Spent } from './rate-limit.js';

export interface FastPathOptions extends AnswerCacheOptions {
  answers: AnswerBytes;
  readiness: Readiness;
  log: Logger;
  /** TRUST_PROXY as Fastify has it: the fast path works a client's address out only for a hop count (or none). */
  trustProxy?: number | string[];
  /** Counts the request against its bucket, as the rate limit's onRequest hook would. */
  spend: (request: LimitedRequest) => Promise<Spent>;
  /**
   * The same, at once, when nothing needs waiting for (budgets in this process, a key already known); undefined when
   * `spend` must be asked (rate-limit.ts's spendNow).
   */
  spendNow?: (request: LimitedRequest) => Spent | undefined;
  /** Whether answers carry Strict-Transport-Security whatever the request's protocol (PUBLIC_URL is https). */
  httpsPublicUrl: () => boolean;
  /** The Vary header app.ts's hook gives a GraphQL answer after CORS's "Origin". */
  vary: string;
  /** Whether Fastify is closing: then it answers 503 itself, and the fast path stands aside. */
  closing: () => boolean;
}

/** Request ids from a caller's proxy are reused only when they look like ids, as app.ts's genReqId has it. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The client's address as Fastify's request.ip has it: with a hop count, X-Forwarded-For is read from the right,
 * trusting that many hops (the socket's peer first). Undefined for a list of trusted ranges, left to Fastify.
 */
export function clientAddress(raw: IncomingMessage, trust: number | string[] | undefined): string | undefined {
  const socketAddress = raw.socket.remoteAddress;
  if (socketAddress === undefined || Array.isArray(trust)) return undefined;
  if (trust === undefined) return socketAddress;
  const forwarded = raw.headers['x-forwarded-for'];
  const addresses = [socketAddress];
  if (typeof forwarded === 'string')
    for (const part of forwarded.split(',').reverse()) {
      const address = part.trim();
      if (address !== '') addresses.push(address);
    }
  return addresses[Math.min(trust, addresses.length - 1)];
}

/** The protocol Fastify's request.protocol reports: a trusted proxy's X-Forwarded-Proto (its last entry), else http. */
function forwardedHttps(raw: IncomingMessage, trust: number | string[] | undefined): boolean {
  const proto = raw.headers['x-forwarded-proto'];
  if (typeof trust !== 'number' || trust < 1 || typeof proto !== 'string' || proto === '') return false;
  return proto.slice(proto.lastIndexOf(',') + 1).trim() === 'https';
}

/**
 * The Access-Control-Allow-Origin CORS's hook would set: * without a key; with a key, the request's origin when the
 * key names it. Undefined when it would set none (a key without an origin); null when only CORS can tell (a key
 * without origins of its own, whose answer depends on every widget key's origins), so the request is left to Fastify.
 */
function allowOrigin(raw: IncomingMessage): string | undefined | null {
  const secret = presentedSecret(raw.headers);
  if (secret === undefined && raw.headers.authorization === undefined && raw.headers['x-api-key'] === undefined)
    return '*';
  const origin = raw.headers.origin;
  if (typeof origin !== 'string') return undefined;
  const key = secret === undefined ? undefined : cachedKeyFor(secret);
  return key?.origins.includes(origin) ? origin : null;
}

/**
 * Returns the server's request handler: a stored public GET is answered here, with the headers Fastify's hooks
 * would have set (rate limit, CORS, Vary, request id, nosniff, HSTS, ETag, Age, 304) and counted in the same metrics
 * and budgets; anything else (and any doubt) goes to Fastify's `handler` untouched.
 */
export function fastPath(
  options: FastPathOptions,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  // Each series resolved once, not a label set hashed per request (series.ts); an operation's series is kept with
  // its stored answer, as the answer names it.
  const sent = { 200: seriesOf(200), 304: seriesOf(304) };
  const belowFastify = counterSeries(storedAnswersSent, { method: 'GET', path: 'below-fastify' });
  const durations = { 200: durationLabels(200), 304: durationLabels(304) };
  const operations = new WeakMap<StoredAnswer, CounterSeries>();

  /**
   * Answers a stored GET, or says it is Fastify's (false). Synchronous when the generation and the budget are held in
   * this process, as they are without Redis: the promises of the awaits it had were a third of its own CPU.
   */
  const serve = (req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> => {
    const started = process.hrtime.bigint();
    const url = req.url ?? '';
    if (req.method !== 'GET' || !url.startsWith(`${GRAPHQL}?`) || options.closing()) return false;
    // Outages, tracing and a list of trusted proxies are Fastify's to handle, as is anything not surely public.
    if (options.readiness.unavailable() !== undefined || activeTracer()) return false;
    if (!preflighted(req.headers) || !surelyPublic(req.headers, options)) return false;
    const ip = clientAddress(req, options.trustProxy);
    const origin = allowOrigin(req);
    if (ip === undefined || origin === null) return false;
    const asked: Asked = { req, res, url, ip, origin, started };
    const generationNow = options.responseCache.generationNow?.();
    if (generationNow !== undefined) return withGeneration(asked, generationNow);
    return options.responseCache.currentGeneration().then((generation) => withGeneration(asked, generation));
  };

  const withGeneration = (asked: Asked, generation: number | undefined): boolean | Promise<boolean> => {
    if (generation === undefined) return false;
    const { req, url, ip } = asked;
    const now = Date.now();
    const answer = options.answers.get(getKey(req.headers, url), generation, now);
    if (!answer) return false;
    const limited: LimitedRequest = { ip, headers: req.headers, url, routeOptions: {}, raw: req };
    const spentNow = options.spendNow?.(limited);
    if (spentNow !== undefined) return send(asked, answer, spentNow, now);
    return options.spend(limited).then((spent) => send(asked, answer, spent, Date.now()));
  };

  const send = (asked: Asked, answer: StoredAnswer, spent: Spent, now: number): boolean => {
    // A refusal is Fastify's to make (its error handler, the refusal's metric and the refused addresses' record).
    if (!spent.isAllowed && spent.isExceeded) return false;
    const { req, res, url, ip, origin, started } = asked;
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    // Fastify's two lines per request, with the request id as its child loggers bind it (no child made per request).
    const logging = options.log.isLevelEnabled('info');
    if (logging)
      options.log.info(
        {
          requestId,
          req: {
            method: req.method,
            url,
            host: req.headers.host,
            remoteAddress: ip,
            remotePort: req.socket.remotePort,
          },
        },
        'incoming request',
      );
    const headers: Record<string, string> = {};
    if (!spent.isAllowed) {
      headers['x-ratelimit-limit'] = String(spent.max);
      headers['x-ratelimit-remaining'] = String(spent.remaining);
      headers['x-ratelimit-reset'] = String(spent.ttlInSeconds);
    }
    headers.vary = options.vary;
    if (origin !== undefined) headers['access-control-allow-origin'] = origin;
    headers.etag = answer.etag;
    headers['cache-control'] = answer.cacheControl;
    headers.age = String(Math.floor((now - answer.storedAt) / 1000));
    headers['x-cache'] = 'hit';
    if (!options.production) headers['x-db-round-trips'] = '0';
    headers['x-request-id'] = requestId;
    headers['x-content-type-options'] = 'nosniff';
    if (options.httpsPublicUrl() || forwardedHttps(req, options.trustProxy))
      headers['strict-transport-security'] = 'max-age=31536000';
    const status = notModified(req.headers['if-none-match'], answer.etag) ? 304 : 200;
    if (status === 200) {
      headers['content-type'] = answer.contentType;
      headers['content-length'] = String(answer.body.length);
    }
    res.writeHead(status, headers);
    res.end(status === 200 ? answer.body : undefined);

    // Counted as Fastify's metrics hook counts a /graphql answer, so hits stay in the request rate and its timings.
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    sent[status].inc();
    belowFastify.inc();
    let operation = operations.get(answer);
    if (!operation) {
      operation = operationSeries('query', answer.operationName);
      operations.set(answer, operation);
    }
    operation.inc();
    httpDuration.observe(durations[status], seconds);
    if (logging)
      options.log.info({ requestId, res: { statusCode: status }, responseTime: seconds * 1000 }, 'request completed');
    return true;
  };

  const fallBack = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    // Nothing is sent before the last step that can wait, so Fastify can still answer (and report) the request.
    options.log.warn({ err: error }, 'the fast path for stored answers failed; Fastify answers instead');
    if (!res.headersSent) handler(req, res);
  };
  return (req, res) => {
    let served: boolean | Promise<boolean>;
    try {
      served = serve(req, res);
    } catch (error) {
      fallBack(req, res, error);
      return;
    }
    if (served === false) handler(req, res);
    else if (served !== true)
      served.then(
        (done) => {
          if (!done) handler(req, res);
        },
        (error: unknown) => fallBack(req, res, error),
      );
  };
}

/** What serve() worked out about a request before its answer is looked up. */
interface Asked {
  req: IncomingMessage;
  res: ServerResponse;
  url: string;
  ip: string;
  origin: string | undefined;
  started: bigint;
}

/** The request counter's series for a /graphql GET answered with `status`. */
function seriesOf(status: 200 | 304): CounterSeries {
  return counterSeries(httpRequests, durationLabels(status));
}

function durationLabels(status: 200 | 304): { route: string; method: string; status: string } {
  return { route: GRAPHQL, method: 'GET', status: String(status) };
}
