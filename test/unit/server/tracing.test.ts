// The Cypher's first words as a span names it: what the statement does, never a value; the switch that turns traces on;
// and a round trip's span placed within its operation's whatever the wall clock does.
import { context } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ConfigError, loadConfig } from '../../../server/config.js';
import { connect, type Database } from '../../../server/database/database.js';
import { statementSummary } from '../../../server/tracing/database.js';
import { REQUEST_SPANS, type RequestSpans } from '../../../server/tracing/request-spans.js';
import { activeTracer, startTracing, type Tracing } from '../../../server/tracing/tracer.js';
import { closedPort } from '../../support/ports.js';

describe('OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('turns traces on with an http(s) address, and leaves them off unset', () => {
    expect(loadConfig({}).tracesEndpoint).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracesEndpoint).toBe(
      'http://collector:4318',
    );
  });

  it('refuses anything else at start-up, saying what to give, without showing the address', () => {
    for (const given of ['collector:4318', 'grpc://user:s3cret@collector:4317']) {
      let problems: readonly string[] = [];
      try {
        loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: given });
      } catch (error) {
        problems = (error as ConfigError).problems;
      }
      expect(problems).toEqual([
        expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT is not an http\(s\) address.*http:\/\/collector:4318/),
      ]);
      expect(problems.join()).not.toContain('s3cret');
    }
  });
});

describe('statementSummary', () => {
  it('keeps the first five words, whitespace and comments folded', () => {
    expect(
      statementSummary(
        '\n  // the programme and its partners\n  MATCH (p:Programme {key: $key})\n  OPTIONAL MATCH (p)<-[r]-(o)\n RETURN p',
      ),
    ).toBe('MATCH (p:Programme {key: $key}) OPTIONAL');
  });

  it('blanks string literals, the only place a value could be written into a statement', () => {
    expect(statementSummary(`MATCH (k {hash: 'abc123secret'}) RETURN k`)).toBe('MATCH (k {hash: ?}) RETURN');
    expect(statementSummary('CALL db.index.fulltext.queryNodes("searchText", $q)')).toBe(
      'CALL db.index.fulltext.queryNodes(?, $q)',
    );
  });

  it('cuts a long run of words at 80 characters', () => {
    const summary = statementSummary(`MATCH ${'x'.repeat(200)} RETURN 1`);
    expect(summary).toHaveLength(80);
    expect(summary.endsWith('…')).toBe(true);
  });
});

const microseconds = ([seconds, nanos]: [number, number]) => seconds * 1e6 + nanos / 1e3;

describe("a round trip's span", () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let db: Database;

  beforeAll(async () => {
    tracing = await startTracing({ spanProcessor: new SimpleSpanProcessor(exporter), serviceVersion: 'test' });
    const port = await closedPort();
    db = connect({ uri: `bolt://127.0.0.1:${port}`, username: 'neo4j', password: 'unused', database: 'neo4j' });
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await db?.close();
    await tracing?.stop();
  });

  // The wall clock moves apart from the monotonic one (NTP slewing it, a VM resumed, or simply drift as a process runs:
  // CI saw 8 ms): OpenTelemetry starts an operation's span from Date.now(), and the database layer times a trip with
  // performance.now(), so a trip's time given as an epoch reading of the monotonic clock lands outside its operation.
  it.each([5_000, -5_000])(
    'starts and ends within its operation when the wall clock is %i ms off the monotonic clock',
    async (shift) => {
      exporter.reset();
      const wallClock = Date.now.bind(Date);
      vi.spyOn(Date, 'now').mockImplementation(() => wallClock() + shift);
      const tracer = activeTracer()!;
      const operation = tracer.startSpan('GraphQL');
      const spans: RequestSpans = { http: operation, current: operation };
      await context.with(context.active().setValue(REQUEST_SPANS, spans), async () => {
        // The operation's own work before its first statement: longer than the millisecond Date.now() is cut to, which
        // OpenTelemetry's times carry whichever clock they come from.
        await new Promise((resolve) => setTimeout(resolve, 5));
        await expect(db.run('RETURN 1 AS one')).rejects.toThrow();
        // And after it, for the same reason: each clock's reading is anchored to a millisecond of its own, so a trip
        // ending in the operation's last microseconds could read as up to a millisecond past it (CI saw 0.3 ms).
        await new Promise((resolve) => setTimeout(resolve, 5));
      });
      operation.end();
      vi.restoreAllMocks();

      const finished = exporter.getFinishedSpans();
      const trips = finished.filter((span: ReadableSpan) => span.name === 'RETURN 1 AS one');
      expect(trips.length).toBeGreaterThan(0);
      const [op] = finished.filter((span) => span.name === 'GraphQL');
      for (const trip of trips) {
        expect(trip.parentSpanContext?.spanId).toBe(operation.spanContext().spanId);
        expect(microseconds(trip.startTime)).toBeGreaterThanOrEqual(microseconds(op!.startTime));
        expect(microseconds(trip.endTime)).toBeLessThanOrEqual(microseconds(op!.endTime));
      }
    },
  );
});
