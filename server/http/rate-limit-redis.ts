// Rate-limit budgets kept in Redis (REDIS_URL), so every instance spends one budget; this instance's own count while Redis cannot answer.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyBaseLogger } from 'fastify';
import { createClient } from 'redis';

/** Keys start with this, apart from the response cache's (ph:rc:). */
const PREFIX = 'ph:rl:';
/** A limit that waits on a stalled Redis would slow every request: past this, the instance counts alone. */
const COMMAND_TIMEOUT_MS = 100;
const CONNECT_TIMEOUT_MS = 2_000;
const RECONNECT_MAX_MS = 2_000;
/** Buckets the fallback remembers at once; the oldest go first, so memory is bounded as the plugin's own store is. */
const LOCAL_BUCKETS = 20_000;

/**
 * One fixed window per bucket, started by its first request, as the plugin's own stores count: the count and the
 * time left in one round trip. A key that somehow lost its expiry is given one again rather than kept forever.
 */
const INCREMENT = `local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return { current, ttl }`;

type Count = { current: number; ttl: number };

/** Where counts are kept: Redis when it answers, else this process. */
interface Counter {
  incr(key: string, timeWindow: number): Promise<Count>;
  peek(key: string): Count;
}

/** The store @fastify/rate-limit calls: incr for each request, child for a route with a limit of its own. */
class BudgetStore implements FastifyRateLimitStore {
  constructor(
    private readonly counter: Counter,
    private readonly prefix: string = PREFIX,
  ) {}

  incr(key: string, done: (error: Error | null, result?: Count) => void, timeWindow: number): void {
    this.counter.incr(this.prefix + key, timeWindow).then(
      (count) => done(null, count),
      (error: Error) => done(error),
    );
  }

  read(key: string, done: (error: Error | null, result?: Count) => void): void {
    done(null, this.counter.peek(this.prefix + key));
  }

  child(routeOptions: unknown): BudgetStore {
    // The plugin passes the route's merged options, with the route itself as routeInfo.
    const route = (routeOptions as { routeInfo?: { method?: string; url?: string } }).routeInfo ?? {};
    return new BudgetStore(this.counter, `${this.prefix}${route.method ?? ''}${route.url ?? ''}-`);
  }
}

export interface SharedBudgets {
  /** What to give the plugin as `store`: it constructs one itself. */
  Store: FastifyRateLimitStoreCtor;
  /** Whether budgets are shared right now, for metrics and logs. */
  readonly shared: boolean;
  close(): Promise<void>;
}

/** A window counted in this process, for while Redis is away. */
function localCounter() {
  const windows = new Map<string, { count: number; endsAt: number }>();
  return (key: string, timeWindow: number, peek = false): { current: number; ttl: number } => {
    const now = Date.now();
    let window = windows.get(key);
    if (!window || window.endsAt <= now) {
      if (peek) return { current: 0, ttl: 0 };
      window = { count: 0, endsAt: now + timeWindow };
      windows.delete(key);
      windows.set(key, window);
      if (windows.size > LOCAL_BUCKETS) windows.delete(windows.keys().next().value as string);
    }
    if (!peek) window.count += 1;
    return { current: window.count, ttl: window.endsAt - now };
  };
}

/**
 * Connects to Redis in the background and returns the store. Redis is the fleet's memory of who spent what, not a
 * dependency: when it is down or slow, each instance limits alone (one warning per outage) until it answers again.
 */
export function redisBudgets(url: string, log: FastifyBaseLogger): SharedBudgets {
  const client = createClient({
    url,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) =>
        Math.min(50 * 2 ** retries, RECONNECT_MAX_MS) + Math.floor(Math.random() * 100),
    },
    disableOfflineQueue: true,
  });
  let outage = false;
  const failed = (error: unknown) => {
    if (outage) return;
    outage = true;
    log.warn({ err: error }, 'rate limits cannot reach Redis: each instance counts alone until it answers');
  };
  client.on('error', failed);
  client.on('ready', () => {
    if (outage) log.info('rate limits reach Redis again: one budget across instances');
    outage = false;
  });
  void client.connect().catch(failed);

  const local = localCounter();

  const shared = async (key: string, timeWindow: number): Promise<{ current: number; ttl: number }> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
    });
    try {
      const reply = (await Promise.race([
        client.eval(INCREMENT, { keys: [key], arguments: [String(timeWindow)] }),
        late,
      ])) as [number, number];
      if (outage) {
        outage = false;
        log.info('rate limits reach Redis again: one budget across instances');
      }
      return { current: Number(reply[0]), ttl: Number(reply[1]) };
    } finally {
      clearTimeout(timer);
    }
  };

  const counter: Counter = {
    incr: async (key, timeWindow) => {
      if (!client.isReady) return local(key, timeWindow);
      try {
        return await shared(key, timeWindow);
      } catch (error) {
        failed(error);
        return local(key, timeWindow);
      }
    },
    // A peek (the plugin's increment: false) is answered from this instance's own count: nothing here peeks.
    peek: (key) => local(key, 0, true),
  };

  return {
    Store: class extends BudgetStore {
      constructor() {
        super(counter);
      }
    } as unknown as FastifyRateLimitStoreCtor,
    get shared() {
      return client.isReady && !outage;
    },
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
