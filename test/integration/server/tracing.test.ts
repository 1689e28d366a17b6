// Traces with an in-memory exporter: HTTP request → GraphQL operation → Neo4j round trips, and nothing when tracing is off.
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../server/service.js';
import { startTracing, type Tracing } from '../../../server/tracing/tracer.js';
import { testTarget } from '../../support/database.js';
import { startTestService, TEST_ADMIN_TOKEN } from '../../support/service.js';

const exporter = new InMemorySpanExporter();

async function post(service: RunningService, query: string, variables: Record<string, unknown> = {}, headers = {}) {
  return fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

/** The request's spans once its HTTP span has ended (after the answer is sent, so a moment after the client has it). */
async function spansOfRequest(route: string): Promise<ReadableSpan[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const spans = exporter.getFinishedSpans();
    const http = spans.find((span) => span.kind === SpanKind.SERVER && span.attributes['http.route'] === route);
    if (http) return spans.filter((span) => span.spanContext().traceId === http.spanContext().traceId);
    if (Date.now() > deadline) throw new Error(`no span for ${route} among ${spans.map((s) => s.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

describe('traces', () => {
  let untraced: RunningService;
  let traced: RunningService;
  let tracing: Tracing | undefined;
  let recordingBeforeStart: boolean;

  beforeAll(async () => {
    recordingBeforeStart = trace.getTracer('probe').startSpan('probe').isRecording();
    untraced = await startTestService(testTarget(), { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    tracing = await startTracing({ spanProcessor: new SimpleSpanProcessor(exporter), serviceVersion: 'test' });
    traced = await startTestService(testTarget(), { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
  });

  afterAll(async () => {
    await untraced?.stop();
    await traced?.stop();
    await tracing?.stop();
  });

  it('records nothing for a service started without tracing: no provider, no hooks, no spans', async () => {
    expect(recordingBeforeStart).toBe(false);
    exporter.reset();
    const response = await post(untraced, 'query Migrations { about { migrations } }');
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('x-db-round-trips'))).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('gives a GraphQL request an HTTP span, its operation as the child and each Neo4j round trip as grandchildren', async () => {
    exporter.reset();
    const response = await post(traced, 'query Migrations { about { migrations } }');
    expect(response.status).toBe(200);
    const roundTrips = Number(response.headers.get('x-db-round-trips'));
    expect(roundTrips).toBeGreaterThan(0);

    const spans = await spansOfRequest('/graphql');
    const http = spans.filter((span) => span.kind === SpanKind.SERVER);
    expect(http).toHaveLength(1);
    expect(http[0]?.name).toBe('POST /graphql');
    expect(http[0]?.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'http.response.status_code': 200,
    });
    expect(parentOf(http[0] as ReadableSpan)).toBeUndefined();

    const operations = spans.filter((span) => parentOf(span) === http[0]?.spanContext().spanId);
    expect(operations.map((span) => span.name)).toEqual(['query Migrations']);
    const operation = operations[0] as ReadableSpan;
    expect(operation.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'Migrations',
    });

    const queries = spans.filter((span) => parentOf(span) === operation.spanContext().spanId);
    expect(queries).toHaveLength(roundTrips);
    expect(spans).toHaveLength(2 + roundTrips);
    for (const query of queries) {
      expect(query.kind).toBe(SpanKind.CLIENT);
      expect(query.attributes['db.system.name']).toBe('neo4j');
      expect(query.attributes['neo4j.access_mode']).toBe('READ');
      expect(query.name).toMatch(/^(MATCH|OPTIONAL|CALL|WITH|UNWIND|RETURN|SHOW)\b/);
      expect(query.name).toBe(query.attributes['db.query.summary']);
      // Inside their parents' time.
      expect(hrMs(query.startTime)).toBeGreaterThanOrEqual(hrMs(operation.startTime) - 1);
      expect(hrMs(query.endTime)).toBeLessThanOrEqual(hrMs(operation.endTime) + 1);
    }
    expect(hrMs(operation.endTime)).toBeLessThanOrEqual(hrMs(http[0]?.endTime ?? [0, 0]) + 1);
  });

  it('keeps values out: no variable, key or token in any span, and errors marked by their catalogue code', async () => {
    exporter.reset();
    const secret = 'E09-not-for-traces-4f1c';
    const response = await post(traced, 'query FindArea($key: String) { area(key: $key) { name } }', { key: secret });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    const code = body.errors?.[0]?.extensions?.code;
    expect(code).toBeDefined();

    const spans = await spansOfRequest('/graphql');
    const operation = spans.find((span) => span.name === 'query FindArea') as ReadableSpan;
    expect(operation.status.code).toBe(SpanStatusCode.ERROR);
    expect(operation.attributes['graphql.error.codes']).toEqual([code]);
    expect(spans.some((span) => span.attributes['db.system.name'] === 'neo4j')).toBe(true);
    const recorded = JSON.stringify(spans.map((span) => [span.name, span.attributes, span.status, span.events]));
    expect(recorded).not.toContain(secret);
    expect(recorded).not.toContain(TEST_ADMIN_TOKEN);
  });

  it('keeps the operation under its request when the body arrives in pieces, after the request began', async () => {
    exporter.reset();
    const body = JSON.stringify({ query: 'query Slowly { about { migrations } }' });
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${traced.url}/graphql`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.flushHeaders();
      // The rest of the body comes in later packets, as from a slow client: the handler then runs from their events.
      setTimeout(() => request.write(body.slice(0, 10)), 150);
      setTimeout(() => request.end(body.slice(10)), 300);
    });
    expect(status).toBe(200);
    const spans = await spansOfRequest('/graphql');
    const http = spans.find((span) => span.kind === SpanKind.SERVER) as ReadableSpan;
    const operation = spans.find((span) => span.name === 'query Slowly') as ReadableSpan;
    expect(operation).toBeDefined();
    expect(parentOf(operation)).toBe(http.spanContext().spanId);
    expect(spans.filter((span) => parentOf(span) === operation.spanContext().spanId).length).toBeGreaterThan(0);
  });

  it("joins a caller's trace, and traces other routes' round trips under their HTTP span", async () => {
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await fetch(`${traced.url}/oruk/services?per_page=1`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(response.status).toBe(200);
    const spans = await spansOfRequest('/oruk/services');
    const http = spans.find((span) => span.kind === SpanKind.SERVER) as ReadableSpan;
    expect(http.spanContext().traceId).toBe(traceId);
    expect(parentOf(http)).toBe('00f067aa0ba902b7');
    expect(http.name).toBe('GET /oruk/services');
    const queries = spans.filter((span) => span !== http);
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) expect(parentOf(query)).toBe(http.spanContext().spanId);
  });
});

function hrMs([seconds, nanos]: readonly [number, number]): number {
  return seconds * 1000 + nanos / 1e6;
}
