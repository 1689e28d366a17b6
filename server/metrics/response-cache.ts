// The response cache with its lookups counted: each public request's one look for a stored answer is a hit or a miss.
import type { ResponseStore } from '../graphql/response-cache.js';
import { responseCacheLookups } from './registry.js';

export function countedResponseStore(store: ResponseStore): ResponseStore {
  const generationNow = store.generationNow?.bind(store);
  return {
    ...(generationNow ? { generationNow } : {}),
    get state() {
      return store.state;
    },
    forRequest() {
      const cache = store.forRequest();
      return {
        get: async (key) => {
          const value = await cache.get(key);
          responseCacheLookups.inc({ result: value === undefined ? 'miss' : 'hit' });
          return value;
        },
        set: (key, value, options) => cache.set(key, value, options),
        delete: (key) => cache.delete(key),
      };
    },
    invalidate: () => store.invalidate(),
    currentGeneration: () => store.currentGeneration(),
    close: () => store.close(),
  };
}
