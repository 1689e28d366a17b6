// Who a request counts against, whom CORS lets send a key, and which proxies may name the client.
import { describe, expect, it } from 'vitest';
import type { ApiKey } from '../../../server/database/api-keys.js';
import { loadConfig, parseTrustProxy } from '../../../server/config.js';
import { carriesKey } from '../../../server/http/cors.js';
import { bucketFor } from '../../../server/http/rate-limit.js';

const key = (origins: string[]): ApiKey => ({
  id: 'k1',
  name: 'k',
  role: 'public',
  prefix: 'ph_public_abcd',
  origins,
  createdAt: '2025-01-01T00:00:00.000Z',
});

describe('rate-limit buckets', () => {
  it('counts a request without a live key against its address, whatever key it made up', () => {
    expect(bucketFor('203.0.113.7', undefined, undefined)).toBe('address:203.0.113.7');
  });

  it("gives a partner's own key its own budget, and a widget key one per key and address", () => {
    expect(bucketFor('203.0.113.7', key([]), undefined)).toBe('key:k1');
    const widget = key(['https://www.barnet.gov.uk']);
    expect(bucketFor('203.0.113.7', widget, 'https://www.barnet.gov.uk')).toBe('widget-key:k1:203.0.113.7');
    expect(bucketFor('198.51.100.2', widget, undefined)).toBe('widget-key:k1:198.51.100.2');
    // Used from a page it does not belong to, the key is refused, and the request counts against the address.
    expect(bucketFor('203.0.113.7', widget, 'https://evil.example')).toBe('address:203.0.113.7');
  });
});

describe('CORS for keys', () => {
  it('treats a request as carrying a key when it sends one or its preflight asks to', () => {
    expect(carriesKey({ headers: {} })).toBe(false);
    expect(carriesKey({ headers: { 'access-control-request-headers': 'apollo-require-preflight' } })).toBe(false);
    expect(carriesKey({ headers: { 'access-control-request-headers': 'Content-Type, X-Api-Key' } })).toBe(true);
    expect(carriesKey({ headers: { 'x-api-key': 'x' } })).toBe(true);
    expect(carriesKey({ headers: { authorization: 'Bearer x' } })).toBe(true);
  });
});

describe('TRUST_PROXY', () => {
  it('takes a hop count, or addresses, CIDR ranges and range names', () => {
    expect(parseTrustProxy('1')).toEqual({ value: 1 });
    expect(parseTrustProxy('10.0.0.0/8, fd00::/8,192.0.2.1,loopback')).toEqual({
      value: ['10.0.0.0/8', 'fd00::/8', '192.0.2.1', 'loopback'],
    });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({}).trustProxy).toBeUndefined();
  });

  it('never trusts every proxy, and says why and what to give instead at start-up', () => {
    for (const raw of ['true', '*', 'all', '0.0.0.0/0', '::/0', '0', '11', '10.0.0.0/33', 'proxy.example']) {
      expect(parseTrustProxy(raw).problem, raw).toMatch(/TRUST_PROXY=/);
    }
    expect(() => loadConfig({ TRUST_PROXY: '0.0.0.0/0' })).toThrow(
      /TRUST_PROXY="0\.0\.0\.0\/0".*such as 1 behind one load balancer.*not offered/s,
    );
  });
});
