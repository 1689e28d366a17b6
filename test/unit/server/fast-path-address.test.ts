// The fast path reads a client's address (its rate-limit bucket) as Fastify's request.ip does, for each hop count.
import type { IncomingMessage } from 'node:http';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../server/http/fast-path.js';

const FORWARDED = [
  undefined,
  '',
  '203.0.113.7',
  '203.0.113.7, 10.0.0.2',
  ' 198.51.100.1 ,203.0.113.7,\t10.0.0.2 ',
  ',,',
];

describe('clientAddress', () => {
  it("agrees with Fastify's request.ip without a proxy and behind one, two or three", async () => {
    for (const hops of [undefined, 1, 2, 3]) {
      const app = Fastify(hops === undefined ? {} : { trustProxy: (_address: string, hop: number) => hop < hops });
      app.get('/', async (request) => request.ip);
      for (const forwarded of FORWARDED) {
        const headers = forwarded === undefined ? {} : { 'x-forwarded-for': forwarded };
        const fastify = (await app.inject({ url: '/', headers, remoteAddress: '127.0.0.1' })).body;
        const raw = { socket: { remoteAddress: '127.0.0.1' }, headers } as unknown as IncomingMessage;
        expect(clientAddress(raw, hops), `hops ${hops}, X-Forwarded-For ${forwarded}`).toBe(fastify);
      }
      await app.close();
    }
  });

  it('leaves a list of trusted ranges to Fastify', () => {
    const raw = { socket: { remoteAddress: '127.0.0.1' }, headers: {} } as unknown as IncomingMessage;
    expect(clientAddress(raw, ['10.0.0.0/8'])).toBeUndefined();
  });
});
