// A Neo4j round trip as a span under the request's innermost one: its access mode, timing and the Cypher's first words.
import { SpanKind, SpanStatusCode, context, trace, type Tracer } from '@opentelemetry/api';
import type { RoundTrip } from '../database/database.js';
import { requestSpans } from './request-spans.js';

const FIRST_WORDS = 5;
const LONGEST_SUMMARY = 80;

/**
 * The statement's first words, which say what it does (`MATCH (p:Programme {key: $key})`). String literals are
 * blanked: values come as parameters, never traced, and a literal is all else that could hold one.
 */
export function statementSummary(cypher: string): string {
  const words = cypher
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '?')
    .trim()
    .split(/\s+/)
    .slice(0, FIRST_WORDS)
    .join(' ');
  return words.length > LONGEST_SUMMARY ? `${words.slice(0, LONGEST_SUMMARY - 1)}…` : words;
}

/**
 * Recorded when the trip is over (the database layer tells of it then), with its real start. Only inside a traced
 * request: background statements (readiness probes, key-usage flushes) would be a stream of lone spans.
 */
export function traceRoundTrip(tracer: Tracer, trip: RoundTrip): void {
  const spans = requestSpans();
  if (!spans) return;
  const summary = statementSummary(trip.cypher);
  // Given as the monotonic clock's reading, which OpenTelemetry moves onto the wall clock its other spans start from:
  // an epoch time worked out from the monotonic clock drifts from Date.now() by milliseconds as a process runs, so the
  // round trip would seem to start before the operation that made it.
  const startedAt = trip.startedAt - performance.timeOrigin;
  const span = tracer.startSpan(
    summary,
    {
      kind: SpanKind.CLIENT,
      startTime: startedAt,
      attributes: {
        'db.system.name': 'neo4j',
        'db.operation.name': summary.split(' ')[0]?.toUpperCase() ?? '',
        'db.query.summary': summary,
        'neo4j.access_mode': trip.mode,
        ...(trip.neo4jMs === undefined ? {} : { 'neo4j.server_time_ms': trip.neo4jMs }),
      },
    },
    trace.setSpan(context.active(), spans.current),
  );
  if (trip.failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(startedAt + trip.seconds * 1000);
}
