// The fast path without promises: the rate limit spent at once from the plugin's own budgets, the answer sent before
// the request handler returns, and its counts added to the metrics when they are read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { Counter, Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GenerationalCache, type ResponseStore } from '../../../server/graphql/response-cache.js';
import { AnswerBytes, getKey } from '../../../server/http/answer-cache.js';
import { type FastPathOptions, fastPath, type LimitedRequest, type Spent } from '../../../server/http/fast-path.js';
import { rateLimits } from '../../../server/http/rate-limit.js';
import { createLogger } from '../../../server/logger.js';
import { countedResponseStore } from '../../../server/metrics/response-cache.js';
import { registry } from '../../../server/metrics/registry.js';
import { counterSeries, flushSeries } from '../../../server/metrics/series.js';

const PER_MINUTE = 3;
/** Shaped like one of ours, and known to no key cache: only the database could say whose it is. */
const UNKNOWN_SECRET = `ph_public_${'A'.repeat(43)}`;

const limited = (ip: string, url = '/graphql?x=1', headers: Record<string, string> = {}): LimitedRequest => ({
  ip,
  headers,
  url,
  routeOptions: {},
  raw: {} as IncomingMessage,
});

let app: FastifyInstance;
beforeEach(async () => {
  app = Fastify();
  // The database is never asked: no request here brings a secret to the plugin's own hook.
  await app.register(rateLimits, { db: {} as never, perMinute: PER_MINUTE });
  app.get('/graphql', async () => 'from Fastify');
  await app.ready();
});
afterEach(() => app.close());

describe('spendNow', () => {
  it("spends the very budget the plugin's hook spends, and says when it is over", async () => {
    const fromHook = () => app.inject({ url: '/graphql?x=1', remoteAddress: '203.0.113.9' });
    expect(app.spendNow(limited('203.0.113.9'))).toMatchObject({ isAllowed: false, max: 3, remaining: 2 });
    expect((await fromHook()).headers['x-ratelimit-remaining']).toBe('1');
    expect(app.spendNow(limited('203.0.113.9'))).toMatchObject({ remaining: 0, isExceeded: false, ttlInSeconds: 60 });
    expect(app.spendNow(limited('203.0.113.9'))).toMatchObject({ remaining: 0, isExceeded: true });
    expect((await fromHook()).statusCode).toBe(429);
    // Another address has its own budget.
    expect(app.spendNow(limited('198.51.100.4'))).toMatchObject({ remaining: 2, isExceeded: false });
  });

  it('spends nothing when a secret is still to be looked up, and lets an allow-listed address through', async () => {
    expect(app.spendNow(limited('203.0.113.10', '/graphql?x=1', { 'x-api-key': UNKNOWN_SECRET }))).toBeUndefined();
    expect(app.spendNow(limited('203.0.113.10', '/health/ready'))).toEqual({ isAllowed: true });
    const first = await app.inject({ url: '/graphql?x=1', remoteAddress: '203.0.113.10' });
    expect(first.headers['x-ratelimit-remaining']).toBe('2');
  });
});

describe('the fast path in the process', () => {
  const url = '/graphql?extensions=%7B%7D';
  const headers = { host: 'hub.example', 'apollo-require-preflight': 'true' };

  function setUp(store: ResponseStore, spendNow: FastPathOptions['spendNow']) {
    const answers = new AnswerBytes();
    const storedAt = Date.now();
    answers.set(getKey(headers, url), 0, {
      body: Buffer.from('{"data":{}}'),
      etag: '"e"',
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'max-age=60, public',
      storedAt,
      expiresAt: storedAt + 60_000,
      weight: 100,
      operationName: 'FastPathInProcess',
    });
    const handed: IncomingMessage[] = [];
    const options: FastPathOptions = {
      responseCache: store,
      answers,
      oidc: false,
      production: true,
      readiness: { unavailable: () => undefined } as FastPathOptions['readiness'],
      log: createLogger('silent'),
      spend: (request) => (app.createRateLimit() as (r: unknown) => Promise<Spent>)(request),
      spendNow,
      httpsPublicUrl: () => false,
      vary: 'Origin, Authorization, X-Api-Key',
      closing: () => false,
    };
    const handle = fastPath(options, (req) => handed.push(req));
    return { handle, handed };
  }

  function exchange(address: string) {
    const sent: { status?: number; headers?: Record<string, string>; body?: unknown } = {};
    const req = { method: 'GET', url, headers, socket: { remoteAddress: address } } as unknown as IncomingMessage;
    const res = {
      headersSent: false,
      writeHead(status: number, given: Record<string, string>) {
        sent.status = status;
        sent.headers = given;
      },
      end(body?: unknown) {
        sent.body = body;
      },
    } as unknown as ServerResponse;
    return { req, res, sent };
  }

  const countOf = async (name: string, labels: string) =>
    Number(new RegExp(`${name}\\{${labels}\\} (\\d+)`).exec(await registry.metrics())?.[1] ?? 0);

  it('answers before its handler returns when the generation and the budget are in the process, counted alike', async () => {
    const { handle, handed } = setUp(countedResponseStore(new GenerationalCache()), (request) => app.spendNow(request));
    const requests = () => countOf('hub_http_requests_total', 'route="/graphql",method="GET",status="200"');
    const operations = () => countOf('hub_graphql_operations_total', 'type="query",name="FastPathInProcess"');
    const [requestsBefore, operationsBefore] = [await requests(), await operations()];
    const { req, res, sent } = exchange('203.0.113.20');
    handle(req, res);
    expect(sent.status).toBe(200);
    expect(sent.headers).toMatchObject({ 'x-cache': 'hit', 'x-ratelimit-remaining': '2', etag: '"e"' });
    expect(String(sent.body)).toBe('{"data":{}}');
    expect(handed).toEqual([]);
    handle(...([exchange('203.0.113.20').req, exchange('203.0.113.20').res] as const));
    expect(await requests()).toBe(requestsBefore + 2);
    expect(await operations()).toBe(operationsBefore + 2);
  });

  it('waits for the generation and the budget where they are elsewhere, with the same answer', async () => {
    const inProcess = new GenerationalCache();
    const elsewhere: ResponseStore = {
      state: 'in-process',
      forRequest: () => inProcess.forRequest(),
      invalidate: () => inProcess.invalidate(),
      currentGeneration: () => inProcess.currentGeneration(),
      close: () => inProcess.close(),
    };
    const { handle, handed } = setUp(elsewhere, undefined);
    const { req, res, sent } = exchange('203.0.113.21');
    handle(req, res);
    expect(sent.status).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent.status).toBe(200);
    expect(sent.headers).toMatchObject({ 'x-cache': 'hit', 'x-ratelimit-remaining': '2' });
    expect(handed).toEqual([]);
  });

  it('hands the request to Fastify untouched when a step fails before anything is sent', () => {
    const { handle, handed } = setUp(countedResponseStore(new GenerationalCache()), () => {
      throw new Error('the budget could not be read');
    });
    const { req, res, sent } = exchange('203.0.113.22');
    handle(req, res);
    expect(handed).toEqual([req]);
    expect(sent.status).toBeUndefined();
  });
});

describe('counter series', () => {
  it('adds what each series counted when its counter is read, once per label set', async () => {
    const own = new Registry();
    const counter = new Counter({
      name: 'series_test_total',
      help: 'Counted through series.',
      labelNames: ['path'] as const,
      registers: [own],
      collect() {
        flushSeries(this);
      },
    });
    const below = counterSeries(counter, { path: 'below' });
    expect(counterSeries(counter, { path: 'below' })).toBe(below);
    const hook = counterSeries(counter, { path: 'hook' });
    for (let i = 0; i < 3; i += 1) below.inc();
    hook.inc();
    counter.inc({ path: 'below' });
    expect(await own.metrics()).toContain('series_test_total{path="below"} 4');
    expect(await own.metrics()).toContain('series_test_total{path="hook"} 1');
    below.inc();
    const values = (await counter.get()).values.map(({ labels, value }) => [labels.path, value]);
    expect(values).toEqual([
      ['below', 5],
      ['hook', 1],
    ]);
  });
});
