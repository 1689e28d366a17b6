// The API keys recently looked up, bounded in size: live keys by their secret's hash (least recently used go first), misses briefly.
import type { ApiKey } from '../database/api-keys.js';

/** How long an answer is trusted: a revoked key stops working within this, and a new one starts. */
export const KEY_CACHE_TTL_MS = 30_000;

interface Entry<T> {
  value: T;
  until: number;
}

/** A Map kept in insertion order doubles as an LRU: a read moves its entry to the end, the oldest is first. */
class Lru<T> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(readonly capacity: number) {}

  get(name: string, now: number): T | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    this.entries.delete(name);
    if (entry.until <= now) return undefined;
    this.entries.set(name, entry);
    return entry.value;
  }

  set(name: string, value: T, until: number): void {
    this.entries.delete(name);
    this.entries.set(name, { value, until });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(name: string): void {
    this.entries.delete(name);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Live keys by the SHA-256 of their secret (the secret itself is never held), at most `capacity` of them. A secret
 * that is not a key is kept only in a small set of recent misses, so that a misconfigured widget repeating a wrong
 * key costs one query per TTL, while a stream of made-up keys only ever replaces the oldest misses.
 */
export class KeyCache {
  private readonly live: Lru<ApiKey>;
  private readonly misses: Lru<true>;

  constructor(
    capacity = 10_000,
    missCapacity = 1_000,
    private readonly ttlMs = KEY_CACHE_TTL_MS,
  ) {
    this.live = new Lru(capacity);
    this.misses = new Lru(missCapacity);
  }

  /** The key with this hash; null when it is known not to be one; undefined when the database must be asked. */
  get(hash: string, now = Date.now()): ApiKey | null | undefined {
    const key = this.live.get(hash, now);
    if (key) return key;
    return this.misses.get(hash, now) ? null : undefined;
  }

  remember(hash: string, key: ApiKey | undefined, now = Date.now()): void {
    if (key) {
      this.misses.delete(hash);
      this.live.set(hash, key, now + this.ttlMs);
    } else {
      this.live.delete(hash);
      this.misses.set(hash, true, now + this.ttlMs);
    }
  }

  /** Entries held, live keys and misses together: never more than the two capacities. */
  get size(): number {
    return this.live.size + this.misses.size;
  }

  get bound(): number {
    return this.live.capacity + this.misses.capacity;
  }

  clear(): void {
    this.live.clear();
    this.misses.clear();
  }
}
