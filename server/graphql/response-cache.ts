// Whole-response caching of public queries: what widgets on hundreds of council pages ask again and again. Analysts'
// and admins' requests are never cached; any admin change empties the cache at once, and entries expire after
// PUBLIC_MAX_AGE_S anyway, which bounds how stale a reader can be after an import run by another process. The cache
// lives in this process, or in Redis (REDIS_URL) when several instances must share it.
import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { GraphQLSchema } from 'graphql';
import { createClient, defineScript, type CommandParser } from 'redis';
import type { Logger } from '../logger.js';
import { cachePolicyPlugins } from './cache-policy.js';
import type { Context } from './context.js';

/** How long a public answer may be reused, by this service and by browsers and proxies (Cache-Control). */
export const PUBLIC_MAX_AGE_S = 60;

/** What readiness reports about the cache: kept here, or shared through Redis and whether Redis answers. */
export type ResponseCacheState = 'in-process' | 'redis' | 'redis unavailable';

/**
 * Where public answers are kept. Every entry belongs to a generation, and invalidating moves to the next one, so
 * the whole cache empties at once and old entries simply expire.
 */
export interface ResponseStore {
  /**
   * The cache one request reads and writes. It keeps the request's answer only under the generation the request
   * read in, so an answer read from the database just before a change is never served after it.
   */
  forRequest(): KeyValueCache<string>;
  /** Empties the cache for every reader. Never throws: a cache problem must not fail a write that succeeded. */
  invalidate(): Promise<void>;
  /**
   * The generation readers are in now, which only ever grows, so that other caches of public answers (the HTTP-level
   * one, server/http/answer-cache.ts) empty when this one does. Undefined when it cannot be known (Redis down):
   * then nothing may be served from them.
   */
  currentGeneration(): Promise<number | undefined>;
  /**
   * The current generation without waiting, where it is held in this process; absent where it must be asked for
   * (Redis). The fast path (server/http/fast-path.ts) then answers a stored GET without a promise.
   */
  generationNow?(): number;
  readonly state: ResponseCacheState;
  close(): Promise<void>;
}

/** The cache of one instance, in its own memory. */
export class GenerationalCache implements ResponseStore {
  readonly state = 'in-process';
  private generation = 0;
  constructor(
    private readonly store: KeyValueCache<string> = new InMemoryLRUCache<string>({ maxSize: 64 * 1024 * 1024 }),
  ) {}

  forRequest(): KeyValueCache<string> {
    let readIn: number | undefined;
    return {
      get: (key) => {
        readIn = this.generation;
        return this.store.get(`${readIn}:${key}`);
      },
      set: async (key, value, options) => {
        if (readIn === this.generation) await this.store.set(`${readIn}:${key}`, value, options);
      },
      delete: (key) => this.store.delete(`${this.generation}:${key}`),
    };
  }

  async invalidate(): Promise<void> {
    this.generation += 1;
  }

  async currentGeneration(): Promise<number> {
    return this.generation;
  }

  generationNow(): number {
    return this.generation;
  }

  async close(): Promise<void> {}
}

/** Keys in Redis start with this, so the cache can share a server with other data. */
export const REDIS_KEY_PREFIX = 'ph:rc:';
/** A cache that answers slower than this is treated as down for the request: Neo4j answers instead. */
const REDIS_COMMAND_TIMEOUT_MS = 250;
const REDIS_CONNECT_TIMEOUT_MS = 2_000;
/** After a failure, one request a second tries Redis and the others skip it, so a stalled server costs little. */
const REDIS_RETRY_AFTER_MS = 1_000;
const REDIS_RECONNECT_MAX_MS = 2_000;

/**
 * Reads the current generation and the entry under it in one round trip. The entry's key depends on the generation,
 * so it cannot be declared in KEYS: this needs one Redis server (or a primary with replicas), not Redis Cluster.
 */
const READ_ENTRY = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `local generation = redis.call('GET', KEYS[1]) or '0'
return { generation, redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2]) }`,
  parseCommand(parser: CommandParser, generationKey: string, prefix: string, key: string) {
    parser.pushKey(generationKey);
    parser.push(prefix, key);
  },
  transformReply(reply: unknown): { generation: string; value: string | undefined } {
    const [generation, value] = reply as [string, string | null];
    return { generation, value: value ?? undefined };
  },
});

function createRedisClient(url: string) {
  return createClient({
    url,
    socket: {
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      // Retries forever in the background; the jitter keeps a fleet of instances from reconnecting in step.
      reconnectStrategy: (retries: number) =>
        Math.min(50 * 2 ** retries, REDIS_RECONNECT_MAX_MS) + Math.floor(Math.random() * 100),
    },
    // While disconnected, commands fail at once (a cache miss) instead of queueing behind the outage.
    disableOfflineQueue: true,
    scripts: { readEntry: READ_ENTRY },
  });
}

/** The client's own command timeout stops counting once a command is sent, so a stalled server needs this one. */
function withinTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${REDIS_COMMAND_TIMEOUT_MS} ms`)),
      REDIS_COMMAND_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The cache shared by every instance through Redis; the generation is a Redis key too, so a change made through
 * one instance empties the cache for all. Redis is an optimisation only: when it is down or slow, requests are
 * answered from Neo4j, one warning is logged per outage, and the client reconnects in the background.
 *
 * A change that cannot reach Redis is owed: this instance reads nothing from Redis until it has moved the
 * generation on. Other instances cannot know of it, so they may serve answers stored before the change, but never
 * for longer than the entries' time to live (PUBLIC_MAX_AGE_S), the same bound as an import by another process.
 */
export class RedisResponseCache implements ResponseStore {
  private readonly client: ReturnType<typeof createRedisClient>;
  private readonly generationKey = `${REDIS_KEY_PREFIX}generation`;
  /** The address for logs, without user or password. */
  private readonly where: string;
  private readonly password: string;
  /** Set by the first failure and cleared by the first success after it: one warning per outage. */
  private outage = false;
  private retryAt = 0;
  private probing = false;
  /** Invalidations asked for, and how many of them Redis has recorded: the difference is owed. */
  private invalidationsAsked = 0;
  private invalidationsRecorded = 0;
  private closing = false;

  /** Connects, waiting a couple of seconds at most: an unreachable Redis is reported and retried, never fatal. */
  static async open(url: string, log: Logger): Promise<RedisResponseCache> {
    const cache = new RedisResponseCache(url, log);
    await cache.connect();
    return cache;
  }

  private constructor(
    url: string,
    private readonly log: Logger,
  ) {
    const parsed = new URL(url);
    this.password = decodeURIComponent(parsed.password);
    this.where = `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
    this.client = createRedisClient(url);
    // Without a listener, an 'error' event would end the process; every reconnection attempt emits one.
    this.client.on('error', (error: unknown) => this.failed(error));
    this.client.on('ready', () => {
      this.retryAt = 0;
      if (this.owesInvalidation()) void this.recordInvalidation();
      else this.recovered();
    });
  }

  get state(): ResponseCacheState {
    return this.client.isReady && !this.outage ? 'redis' : 'redis unavailable';
  }

  private async connect(): Promise<void> {
    let answered: () => void = () => {};
    const firstAnswer = new Promise<void>((resolve) => {
      answered = resolve;
    });
    this.client.once('ready', answered).once('error', answered);
    const timer = setTimeout(answered, REDIS_CONNECT_TIMEOUT_MS + 500);
    // connect() settles only once connected, retrying meanwhile; its failures arrive as 'error' events.
    const connecting = this.client.connect().catch(() => undefined);
    await Promise.race([connecting, firstAnswer]);
    clearTimeout(timer);
    this.client.off('ready', answered).off('error', answered);
    if (this.client.isReady)
      this.log.info({ redis: this.where }, 'public answers are cached in Redis, shared by every instance');
    else this.failed(new Error(`no connection within ${REDIS_CONNECT_TIMEOUT_MS} ms`));
  }

  forRequest(): KeyValueCache<string> {
    let readIn: string | undefined;
    return {
      get: async (key) => {
        const entry = await this.read(key);
        readIn = entry?.generation;
        return entry?.value;
      },
      // Stored under the generation it was read in: if a change came since, nobody reads that generation again.
      set: async (key, value, options) => {
        if (readIn === undefined) return;
        // Never longer than PUBLIC_MAX_AGE_S, whatever a field's hint says: that is the bound the README promises.
        const ttl = Math.max(1, Math.min(options?.ttl ?? PUBLIC_MAX_AGE_S, PUBLIC_MAX_AGE_S));
        const entryKey = this.entryKey(readIn, key);
        await this.attempt(() => this.client.set(entryKey, value, { expiration: { type: 'EX', value: ttl } }));
      },
      delete: async (key) => {
        if (readIn === undefined) return;
        const entryKey = this.entryKey(readIn, key);
        await this.attempt(() => this.client.del(entryKey));
      },
    };
  }

  async invalidate(): Promise<void> {
    this.invalidationsAsked += 1;
    await this.recordInvalidation();
  }

  async currentGeneration(): Promise<number | undefined> {
    // As for an entry: after a change this instance could not announce, the generation Redis holds is out of date.
    if (this.owesInvalidation() && !(await this.recordInvalidation())) return undefined;
    const read = await this.attempt(() => this.client.get(this.generationKey));
    return read === undefined ? undefined : Number(read.result ?? '0');
  }

  async close(): Promise<void> {
    this.closing = true;
    // Anything still in flight is only filling the cache: drop it rather than wait on a server that may be stalled.
    if (this.client.isOpen) this.client.destroy();
  }

  private entryKey(generation: string, key: string): string {
    return `${REDIS_KEY_PREFIX}${generation}:${key}`;
  }

  private owesInvalidation(): boolean {
    return this.invalidationsRecorded < this.invalidationsAsked;
  }

  private async read(key: string): Promise<{ generation: string; value: string | undefined } | undefined> {
    // Answers stored before a change this instance could not announce must not be served: announce it first.
    if (this.owesInvalidation() && !(await this.recordInvalidation())) return undefined;
    return (await this.attempt(() => this.client.readEntry(this.generationKey, REDIS_KEY_PREFIX, key)))?.result;
  }

  /** Moves the generation on, covering every invalidation asked for so far; true once Redis has recorded it. */
  private async recordInvalidation(): Promise<boolean> {
    const covers = this.invalidationsAsked;
    const done = await this.attempt(() => this.client.incr(this.generationKey));
    if (done) this.invalidationsRecorded = Math.max(this.invalidationsRecorded, covers);
    return done !== undefined;
  }

  /**
   * Runs one command within the timeout, or skips it: while disconnected, and during an outage except for one
   * probe a second. Undefined when skipped or failed; failures are recorded, never thrown.
   */
  private async attempt<T>(command: () => Promise<T>): Promise<{ result: T } | undefined> {
    if (this.closing || !this.client.isReady) return undefined;
    const probe = this.outage;
    if (probe && (this.probing || Date.now() < this.retryAt)) return undefined;
    this.probing ||= probe;
    try {
      const result = await withinTimeout(command());
      this.recovered();
      return { result };
    } catch (error) {
      this.failed(error);
      return undefined;
    } finally {
      if (probe) this.probing = false;
    }
  }

  private failed(error: unknown): void {
    if (this.closing) return;
    this.retryAt = Date.now() + REDIS_RETRY_AFTER_MS;
    if (this.outage) return;
    this.outage = true;
    this.log.warn(
      { redis: this.where, reason: this.describe(error) },
      'Redis (the shared response cache) is unavailable: answering from Neo4j and retrying in the background',
    );
  }

  private recovered(): void {
    if (!this.outage || this.closing) return;
    this.outage = false;
    this.log.info({ redis: this.where }, 'Redis (the shared response cache) answers again');
  }

  private describe(error: unknown): string {
    const message = error instanceof Error ? error.message || error.name : String(error);
    return this.password === '' ? message : message.split(this.password).join('[redacted]');
  }
}

/** The plugins that cache public answers in `cache` and mark them cacheable over HTTP; others are marked private. */
export function responseCaching(cache: ResponseStore, schema: GraphQLSchema): ApolloServerPlugin<Context>[] {
  const isPublic = async ({ contextValue }: { contextValue: Context }) => contextValue.role === 'public';
  return [
    ...cachePolicyPlugins<Context>(schema, PUBLIC_MAX_AGE_S),
    {
      async requestDidStart({ contextValue }) {
        return {
          async executionDidStart({ overallCachePolicy, operation }) {
            // Answers for a key or token may hold private fields: never shared, never stored by proxies.
            if (contextValue.role !== 'public') overallCachePolicy.restrict({ scope: 'PRIVATE' });
            if (operation.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
          },
          async willSendResponse({ operation }) {
            // Any mutation run with a key empties the cache, even one that answered with errors: a mutation with
            // several fields may have changed some before another failed. The public can change nothing, so a
            // stranger's refused mutations cannot empty the cache. Awaited, so the change is visible everywhere
            // by the time its author sees the answer.
            if (operation?.operation === 'mutation' && contextValue.role !== 'public') await cache.invalidate();
          },
        };
      },
    },
    {
      // Apollo's plugin takes one cache for every request; a view per request lets each answer be stored under
      // the generation it was read in. A key's request neither reads nor writes it, so it is not made one (its key
      // data, a copy of the variables, was worked out for nothing).
      async requestDidStart(requestContext) {
        if (requestContext.contextValue.role !== 'public') return;
        const perRequest = responseCachePlugin<Context>({
          cache: cache.forRequest(),
          sessionId: async () => null,
          shouldReadFromCache: isPublic,
          shouldWriteToCache: isPublic,
        });
        return perRequest.requestDidStart?.(requestContext);
      },
    },
  ];
}
