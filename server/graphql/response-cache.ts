// Whole-response caching of public queries: what widgets on hundreds of council pages ask again and again. Analysts'
// and admins' requests are never cached; any admin change empties the cache at once, and entries expire after
// PUBLIC_MAX_AGE_S anyway, which bounds how stale a reader can be after an import run by another process.
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Context } from './context.js';

/** How long a public answer may be reused, by this service and by browsers and proxies (Cache-Control). */
export const PUBLIC_MAX_AGE_S = 60;

/**
 * A cache that can be emptied at once: every key carries a generation, and invalidating moves to the next one,
 * leaving old entries to fall out of the LRU. The same idea works over a shared store (Redis) for several instances.
 */
export class GenerationalCache implements KeyValueCache<string> {
  private generation = 0;
  constructor(private readonly store: KeyValueCache<string> = new InMemoryLRUCache<string>({ maxSize: 64 * 1024 * 1024 })) {}

  get(key: string): Promise<string | undefined> {
    return this.store.get(`${this.generation}:${key}`);
  }

  set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    return this.store.set(`${this.generation}:${key}`, value, options);
  }

  delete(key: string): Promise<boolean | void> {
    return this.store.delete(`${this.generation}:${key}`);
  }

  invalidate(): void {
    this.generation += 1;
  }
}

/** The plugins that cache public answers in `cache` and mark them cacheable over HTTP; others are marked private. */
export function responseCaching(cache: GenerationalCache): ApolloServerPlugin<Context>[] {
  const isPublic = async ({ contextValue }: { contextValue: Context }) => contextValue.role === 'public';
  return [
    ApolloServerPluginCacheControl({ defaultMaxAge: PUBLIC_MAX_AGE_S }),
    {
      async requestDidStart({ contextValue }) {
        return {
          async executionDidStart({ overallCachePolicy, operation }) {
            // Answers for a key or token may hold private fields: never shared, never stored by proxies.
            if (contextValue.role !== 'public') overallCachePolicy.restrict({ scope: 'PRIVATE' });
            if (operation.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
          },
          async willSendResponse({ operation, response }) {
            const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
            if (operation?.operation === 'mutation' && !failed) cache.invalidate();
          },
        };
      },
    },
    responseCachePlugin<Context>({ cache, sessionId: async () => null, shouldReadFromCache: isPublic, shouldWriteToCache: isPublic }),
  ];
}
