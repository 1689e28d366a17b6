// Rate limits keyed by a validated identity: a live key's own budget, else the client's address; never a made-up key.
import { createRequire } from 'node:module';
import rateLimit, {
  type FastifyRateLimitStore,
  type FastifyRateLimitStoreCtor,
  normalizeIP,
} from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorCode, errorMessage, errorStatus } from '../../schema/errors.js';
import type { ApiKey } from '../database/api-keys.js';
import type { Database } from '../database/database.js';
import { cachedKeyFor, keyFor, presentedSecret } from '../graphql/access.js';
import { keyUsage } from '../graphql/key-usage.js';
import { rateLimitRefusals } from '../metrics/registry.js';
import type { Logger } from '../logger.js';
import { redisBudgets } from './rate-limit-redis.js';

export interface RateLimitOptions {
  db: Database;
  /** Requests a bucket may make in a minute before it is answered with RATE_LIMITED. */
  perMinute: number;
  /** A Redis every instance shares (REDIS_URL): then a bucket is one budget across them, not one per instance. */
  redisUrl?: string;
  log?: Logger;
}

/** What the rate limit answered (the same limiter and budget as Fastify's hook, through @fastify/rate-limit's createRateLimit). */
export type Spent =
  | { isAllowed: true }
  | { isAllowed: false; max: number; remaining: number; ttlInSeconds: number; isExceeded: boolean };

/** The few things of a request the rate limit's key generator reads: its client address, headers and URL. */
export interface LimitedRequest {
  ip: string;
  headers: FastifyRequest['headers'];
  url: string;
  routeOptions: Record<string, never>;
  raw: FastifyRequest['raw'];
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Spends a request's budget at once, as the plugin's own limiter would, when nothing needs waiting for: budgets
     * held in this process and a key already known (or none). Undefined otherwise (budgets in Redis, a secret still to
     * look up): then nothing is spent, and the caller asks `createRateLimit`'s limiter.
     */
    spendNow(request: LimitedRequest): Spent | undefined;
  }
}

/** The plugin's own in-memory store (its default), which answers `incr` before returning. */
const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  cache: number,
) => FastifyRateLimitStore;

/** A bucket's window, in milliseconds. */
const WINDOW_MS = 60_000;

/** Buckets held at once, and addresses remembered as refused: the least recently used go first, so memory is bounded. */
const BUCKETS = 20_000;

/** Requests whose key's use is counted already. */
const usageCounted = new WeakSet<object>();

/** Secrets not yet known that an address over its limit may still have looked up, until its window ends. */
const LOOKUPS_WHILE_REFUSED = 5;

/**
 * The bucket a request counts against. A key that checks out (and, with origins, is used from one of them) has its
 * own; a widget key's is per key and address, because its secret is in every page's source and one copier must not
 * spend a council's budget. Anything else (no key, a made-up key, the bootstrap token, a sign-in token) counts
 * against the client's address, which TRUST_PROXY makes the client's, not a load balancer's.
 */
export function bucketFor(address: string, key: ApiKey | undefined, origin: unknown): string {
  if (!key) return `address:${address}`;
  if (key.origins.length === 0) return `key:${key.id}`;
  if (typeof origin === 'string' && !key.origins.includes(origin)) return `address:${address}`;
  return `widget-key:${key.id}:${address}`;
}

/**
 * The refusal the plugin throws. An Error, not a plain object: a route's own error handler that passes on what it
 * does not handle (the Open Referral UK feed's does) rethrows it, and Fastify answered a rethrown plain object with
 * an empty 200, which let /oruk go unlimited.
 */
export class RateLimitRefusal extends Error {
  readonly statusCode = errorStatus(ErrorCode.RATE_LIMITED);
  readonly error = ErrorCode.RATE_LIMITED;
}

const limits: FastifyPluginAsync<RateLimitOptions> = async (app, { db, perMinute, redisUrl, log }) => {
  const budgets = redisUrl ? redisBudgets(redisUrl, log ?? app.log) : undefined;
  if (budgets) app.addHook('onClose', () => budgets.close());
  /**
   * Without Redis, the plugin's default store, made here so that spendNow reaches the very budgets the plugin's hook
   * and limiter spend: the fast path (fast-path.ts) then spends without a promise per request.
   */
  let memory: FastifyRateLimitStore | undefined;
  const MemoryBudgets = class extends LocalStore {
    constructor(params: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      super(params.continueExceeding === true, params.exponentialBackoff === true, BUCKETS);
      memory = this;
    }
  } as unknown as FastifyRateLimitStoreCtor;
  /**
   * Addresses over their limit, until their window ends, with the lookups of unknown secrets they may still have:
   * enough for a partner's server behind a busy address to bring its key, too few for a stream of made-up ones.
   */
  const refused = new Map<string, { until: number; lookups: number }>();
  const mayLookUp = (address: string): boolean => {
    const refusal = refused.get(address);
    if (!refusal || refusal.until <= Date.now()) return true;
    refusal.lookups -= 1;
    return refusal.lookups >= 0;
  };
  const buckets = new WeakMap<FastifyRequest, string>();
  // Parsing an address is a regular expression per request (a few per cent of a cached GET's CPU); a client's address
  // repeats, so each one's form is kept, up to BUCKETS of them, then they are all forgotten at once.
  const addresses = new Map<string, string>();
  const normalizedAddress = (ip: string): string => {
    let address = addresses.get(ip);
    if (address === undefined) {
      if (addresses.size >= BUCKETS) addresses.clear();
      address = normalizeIP(ip);
      addresses.set(ip, address);
    }
    return address;
  };

  async function identify(request: FastifyRequest): Promise<string> {
    // IPv6 clients are counted by their /64, as the plugin does by default: one host holds a whole such block.
    const address = normalizedAddress(request.ip);
    const secret = presentedSecret(request.headers);
    let key: ApiKey | null | undefined = secret === undefined ? null : cachedKeyFor(secret);
    // A secret not yet known costs a database query, but an address already refused has only a few: a stream of
    // made-up keys then costs next to nothing. A database that cannot answer leaves the request to the address
    // (GraphQL reports the outage).
    if (key === undefined && secret !== undefined && mayLookUp(address))
      key = await keyFor(db, secret).catch(() => undefined);
    return bucketOf(request, address, key);
  }

  /** The bucket of a request whose key is known (null: no secret; undefined: not found), its usage counted once. */
  function bucketOf(request: FastifyRequest | LimitedRequest, address: string, key: ApiKey | null | undefined): string {
    const bucket = bucketFor(address, key ?? undefined, request.headers.origin);
    // Once per request: the fast path (fast-path.ts) spends the budget first and leaves a refusal to Fastify's hook.
    if (key && !bucket.startsWith('address:') && !usageCounted.has(request.raw)) {
      usageCounted.add(request.raw);
      keyUsage.count(key.id);
    }
    return bucket;
  }

  // Widget scripts are static and cached for a year; counting them would spend a page's budget on its own script
  // tags. Health checks are exempt so that a busy service is not taken out of its load balancer.
  const allowed = (request: { url: string }) =>
    request.url.startsWith('/health/') || request.url.startsWith('/widgets/');

  // What the plugin's applyRateLimit works out for the service's settings (no ban, no group, a fixed max and window),
  // without its awaits: about a fifth of a stored GET's own CPU was the limiter's promises.
  app.decorate('spendNow', (request: LimitedRequest): Spent | undefined => {
    if (!memory) return undefined;
    const secret = presentedSecret(request.headers);
    const key = secret === undefined ? null : cachedKeyFor(secret);
    if (key === undefined) return undefined;
    // In the plugin's order: the key (and a key's usage) first, then the allow list.
    const bucket = bucketOf(request, normalizedAddress(request.ip), key);
    if (allowed(request)) return { isAllowed: true };
    let spent: { current: number; ttl: number } | undefined;
    memory.incr(
      bucket,
      (error, result) => {
        if (!error) spent = result;
      },
      WINDOW_MS,
      perMinute,
    );
    // The plugin's own store answers before returning; anything else is the limiter's to ask (it has counted already).
    if (!spent) return undefined;
    return {
      isAllowed: false,
      max: perMinute,
      remaining: Math.max(0, perMinute - spent.current),
      ttlInSeconds: Math.ceil(spent.ttl / 1000),
      isExceeded: spent.current > perMinute,
    };
  });

  await app.register(rateLimit, {
    max: perMinute,
    timeWindow: WINDOW_MS,
    store: budgets ? budgets.Store : MemoryBudgets,
    allowList: allowed,
    keyGenerator: async (request) => {
      const bucket = await identify(request);
      buckets.set(request, bucket);
      return bucket;
    },
    // The plugin throws what this returns, and the app's error handler sends it with the catalogue's status.
    errorResponseBuilder: (request, context) => {
      const bucket = buckets.get(request);
      rateLimitRefusals.inc({ bucket: bucket?.slice(0, bucket.indexOf(':')) ?? 'address' });
      if (bucket?.startsWith('address:')) {
        const address = bucket.slice('address:'.length);
        if (!refused.has(address) || (refused.get(address)?.until ?? 0) <= Date.now())
          refused.set(address, { until: Date.now() + context.ttl, lookups: LOOKUPS_WHILE_REFUSED });
        if (refused.size > BUCKETS) refused.delete(refused.keys().next().value as string);
      }
      return new RateLimitRefusal(errorMessage(ErrorCode.RATE_LIMITED, context.max, Math.ceil(context.ttl / 1000)));
    },
  });
};

export const rateLimits = fp(limits, { name: 'identity-rate-limits' });
