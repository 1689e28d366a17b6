// The HTTP-level cache's store: bounded in bytes (least recently used first), one generation at a time, never past max-age.
import { describe, expect, it } from 'vitest';
import { AnswerBytes } from '../../../server/http/answer-cache.js';

const answer = (bytes: number, expiresAt = Number.POSITIVE_INFINITY) => ({
  body: Buffer.alloc(bytes),
  etag: '"e"',
  contentType: 'application/json; charset=utf-8',
  cacheControl: 'max-age=60, public',
  storedAt: 0,
  expiresAt,
  weight: bytes,
});

describe('AnswerBytes', () => {
  it('keeps within its bound in bytes, letting the least recently used answer go first', () => {
    const cache = new AnswerBytes(1_000);
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, 1, answer(250));
    expect(cache.get('a', 1, 0)).toBeDefined();
    cache.set('e', 1, answer(250));
    expect(cache.get('b', 1, 0)).toBeUndefined();
    for (const key of ['a', 'c', 'd', 'e']) expect(cache.get(key, 1, 0)).toBeDefined();
    expect(cache.usage).toEqual({ answers: 4, bytes: 1_000, bound: 1_000 });
  });

  it('keeps the order of use when the answer asked for is already the most recently used', () => {
    const cache = new AnswerBytes(1_000);
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, 1, answer(250));
    // d was stored last, so asking for it moves nothing; asking for a then b makes c the least recently used.
    for (const key of ['d', 'd', 'a', 'a', 'b']) expect(cache.get(key, 1, 0)).toBeDefined();
    cache.set('e', 1, answer(250));
    expect(cache.get('c', 1, 0)).toBeUndefined();
    cache.set('f', 1, answer(250));
    expect(cache.get('d', 1, 0)).toBeUndefined();
    for (const key of ['a', 'b', 'e', 'f']) expect(cache.get(key, 1, 0)).toBeDefined();
    // The most recently used gone by expiry (g, which pushed a out), the next one asked for still moves to the end.
    cache.set('g', 1, answer(250, 5));
    expect(cache.get('g', 1, 10)).toBeUndefined();
    expect(cache.get('b', 1, 10)).toBeDefined();
    cache.set('h', 1, answer(250));
    cache.set('i', 1, answer(250));
    expect(cache.get('e', 1, 10)).toBeUndefined();
    for (const key of ['f', 'b', 'h', 'i']) expect(cache.get(key, 1, 10)).toBeDefined();
    // An answer asked for, then another stored: asking for the first again moves it after the one stored.
    const again = new AnswerBytes(1_000);
    for (const key of ['a', 'b', 'c', 'd']) again.set(key, 1, answer(250));
    expect(again.get('a', 1, 0)).toBeDefined();
    again.set('e', 1, answer(250));
    expect(again.get('a', 1, 0)).toBeDefined();
    for (const key of ['f', 'g', 'h']) again.set(key, 1, answer(250));
    expect(again.get('e', 1, 0)).toBeUndefined();
    expect(again.get('a', 1, 0)).toBeDefined();
  });

  it('never holds an answer heavier than a quarter of its bound', () => {
    const cache = new AnswerBytes(1_000);
    cache.set('large', 1, answer(251));
    expect(cache.get('large', 1, 0)).toBeUndefined();
  });

  it('empties on a newer generation and never stores an answer read under an older one', () => {
    const cache = new AnswerBytes(1_000);
    cache.set('a', 1, answer(10));
    expect(cache.get('a', 2, 0)).toBeUndefined();
    cache.set('late', 1, answer(10));
    expect(cache.get('late', 2, 0)).toBeUndefined();
    expect(cache.usage.bytes).toBe(0);
  });

  it('serves nothing past its expiry', () => {
    const cache = new AnswerBytes(1_000);
    cache.set('a', 1, answer(10, 60_000));
    expect(cache.get('a', 1, 59_999)).toBeDefined();
    expect(cache.get('a', 1, 60_000)).toBeUndefined();
  });
});
