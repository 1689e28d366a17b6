// Stored public GETs answered by the Node server's own request handler, before Fastify builds a request or runs a hook.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readiness } from '../health.js';
import type { Logger } from '../logger.js';
import { countOperation } from '../metrics/graphql.js';
import { httpDuration, httpRequests } from '../metrics/registry.js';
import { activeTracer } from '../tracing/tracer.js';
import { cachedKeyFor, presentedSecret } from '../graphql/access.js';
import {
  type AnswerBytes,
  type AnswerCacheOptions,
  GRAPHQL,
  getKey,
  notModified,
  preflighted,
  storedAnswersSent,
  surelyPublic,
} from './answer-cache.js';

/** What the rate limit answered (the same limiter and budget as Fastify's hook, through @fastify/rate-limit's createRateLimit). */
export type Spent =
  | { isAllowed: true }
  | { isAllowed: false; max: number; remaining: number; ttlInSeconds: number; isExceeded: boolean };

/** The few things of a request the rate limit's key generator reads: its client address, headers and URL. */
export interface LimitedRequest {
  ip: string;
  headers: IncomingMessage['headers'];
  url: string;
  routeOptions: Record<string, never>;
  raw: IncomingMessage;
}

export interface FastPathOptions extends AnswerCacheOptions {
  answers: AnswerBytes;
  readiness: Readiness;
  log: Logger;
  /** TRUST_PROXY as Fastify has it: the fast path works a client's address out only for a hop count (or none). */
  trustProxy?: number | string[];
  /** Counts the request against its bucket, as the rate limit's onRequest hook would. */
  spend: (request: LimitedRequest) => Promise<Spent>;
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
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const started = process.hrtime.bigint();
    const url = req.url ?? '';
    if (req.method !== 'GET' || !url.startsWith(`${GRAPHQL}?`) || options.closing()) return false;
    // Outages, tracing and a list of trusted proxies are Fastify's to handle, as is anything not surely public.
    if (options.readiness.unavailable() !== undefined || activeTracer()) return false;
    if (!preflighted(req.headers) || !surelyPublic(req.headers, options)) return false;
    const ip = clientAddress(req, options.trustProxy);
    const origin = allowOrigin(req);
    if (ip === undefined || origin === null) return false;
    const generation = await options.responseCache.currentGeneration();
    if (generation === undefined) return false;
    const answer = options.answers.get(getKey(req.headers, url), generation, Date.now());
    if (!answer) return false;
    const spent = await options.spend({ ip, headers: req.headers, url, routeOptions: {}, raw: req });
    // A refusal is Fastify's to make (its error handler, the refusal's metric and the refused addresses' record).
    if (!spent.isAllowed && spent.isExceeded) return false;

    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    const log = options.log.isLevelEnabled('info') ? options.log.child({ requestId }) : undefined;
    log?.info(
      {
        req: { method: req.method, url, host: req.headers.host, remoteAddress: ip, remotePort: req.socket.remotePort },
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
    headers.age = String(Math.floor((Date.now() - answer.storedAt) / 1000));
    headers['x-cache'] = 'hit';
    if (!options.production) headers['x-db-round-trips'] = '0';
    headers['x-request-id'] = requestId;
    headers['x-content-type-options'] = 'nosniff';
    if (options.httpsPublicUrl() || forwardedHttps(req, options.trustProxy))
      headers['strict-transport-security'] = 'max-age=31536000';
    const ifNoneMatch = req.headers['if-none-match'];
    const status = notModified(ifNoneMatch, answer.etag) ? 304 : 200;
    if (status === 200) {
      headers['content-type'] = answer.contentType;
      headers['content-length'] = String(answer.body.length);
    }
    res.writeHead(status, headers);
    res.end(status === 200 ? answer.body : undefined);

    // Counted as Fastify's metrics hook counts a /graphql answer, so hits stay in the request rate and its timings.
    const labels = { route: GRAPHQL, method: 'GET', status: String(status) };
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    httpRequests.inc(labels);
    storedAnswersSent.inc({ method: 'GET', path: 'below-fastify' });
    countOperation('query', answer.operationName);
    httpDuration.observe(labels, seconds);
    log?.info({ res: { statusCode: status }, responseTime: seconds * 1000 }, 'request completed');
    return true;
  };
  return (req, res) => {
    serve(req, res).then(
      (served) => {
        if (!served) handler(req, res);
      },
      (error: unknown) => {
        // Nothing is sent before the last awaited step, so Fastify can still answer (and report) the request.
        options.log.warn({ err: error }, 'the fast path for stored answers failed; Fastify answers instead');
        if (!res.headersSent) handler(req, res);
      },
    );
  };
}
