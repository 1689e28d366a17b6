// The key cache stays within its bound whatever secrets arrive, forgets after its time, and never holds a secret.
import { describe, expect, it } from 'vitest';
import { hashSecret, looksLikeSecret, type ApiKey } from '../../../server/database/api-keys.js';
import { KeyCache } from '../../../server/graphql/key-cache.js';

const key = (id: string): ApiKey => ({
  id,
  name: id,
  role: 'public',
  prefix: 'ph_public_abcd',
  origins: [],
  createdAt: '2025-01-01T00:00:00.000Z',
});

describe('the key cache', () => {
  it('keeps at most its capacity of live keys, dropping the least recently used', () => {
    const cache = new KeyCache(3, 2);
    for (const id of ['a', 'b', 'c']) cache.remember(hashSecret(id), key(id), 0);
    expect(cache.get(hashSecret('a'), 1)?.id).toBe('a'); // a is now the most recently used
    cache.remember(hashSecret('d'), key('d'), 1);
    expect(cache.get(hashSecret('b'), 2)).toBeUndefined();
    expect(cache.get(hashSecret('a'), 2)?.id).toBe('a');
    expect(cache.get(hashSecret('d'), 2)?.id).toBe('d');
    expect(cache.size).toBe(3);
  });

  it('keeps misses only briefly and in a small set, so a stream of made-up secrets cannot grow it', () => {
    const cache = new KeyCache(100, 10, 30_000);
    for (let i = 0; i < 10_000; i += 1) cache.remember(hashSecret(`made-up-${i}`), undefined, 0);
    expect(cache.size).toBe(10);
    expect(cache.bound).toBe(110);
    expect(cache.get(hashSecret('made-up-9999'), 1)).toBeNull();
    expect(cache.get(hashSecret('made-up-9999'), 30_001)).toBeUndefined();
  });

  it('forgets a live key after its time, so a revoked key stops working', () => {
    const cache = new KeyCache(10, 10, 30_000);
    cache.remember(hashSecret('s'), key('k'), 0);
    expect(cache.get(hashSecret('s'), 29_999)?.id).toBe('k');
    expect(cache.get(hashSecret('s'), 30_000)).toBeUndefined();
  });
});

describe('the shape of a secret', () => {
  it('recognises secrets as createKey makes them and nothing else', () => {
    const real = `ph_public_${'A'.repeat(40)}-_x`;
    expect(looksLikeSecret(real)).toBe(true);
    expect(looksLikeSecret(`ph_admin_${'a'.repeat(43)}`)).toBe(true);
    for (const made of [
      'ph_public_not-a-real-key',
      `ph_root_${'a'.repeat(43)}`,
      `${real}x`,
      `x${real}`,
      'Bearer x',
      '',
    ])
      expect(looksLikeSecret(made), made).toBe(false);
  });
});
