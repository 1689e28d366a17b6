// Drives one request at a service with autocannon, keeping every response's latency so percentiles are exact.
import autocannon from 'autocannon';
import type { BenchRequest } from './scenarios.js';

/** Sends a request once and returns its status, headers and parsed body. */
export async function send(
  baseUrl: string,
  request: BenchRequest,
): Promise<{ status: number; headers: Headers; body: { data?: unknown; errors?: unknown } }> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  return {
    status: response.status,
    headers: response.headers,
    // A CSV export answers with text: only a JSON answer has data or errors to check.
    body: (response.headers.get('content-type')?.includes('json')
      ? await response.json()
      : { text: await response.text() }) as { data?: unknown; errors?: unknown },
  };
}

/** The value at percentile p (0 to 100) of sorted values, by the nearest-rank method: exact, never interpolated. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50ms: number;
  p95ms: number;
  p99ms: number;
  /** Connection errors and timeouts (autocannon counts a timeout as an error too). */
  errors: number;
  /** Responses with a status other than 2xx. */
  non2xx: number;
  /** Answered with a 2xx. */
  answers: number;
  /** Refused as busy or over a limit, to be retried later (503 or 429, sent with Retry-After): counted in non2xx too. */
  refusals: number;
  /** Percentiles of the 2xx responses alone: refusals answered in a millisecond would otherwise hide slow answers. */
  answeredP50ms: number;
  answeredP95ms: number;
}

const round = (ms: number, places = 2) => Math.round(ms * 10 ** places) / 10 ** places;

/** Runs autocannon for `seconds` with its throughput and error counts, and exact percentiles of every response's latency. */
export function drive(
  baseUrl: string,
  request: BenchRequest,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const answered: number[] = [];
  let refusals = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${baseUrl}${request.path}`,
        method: request.method,
        headers: request.headers,
        body: request.body,
        connections,
        duration: seconds,
      },
      (error, run) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        answered.sort((a, b) => a - b);
        resolve({
          requests: run.requests.total,
          requestsPerSecond: Math.round(run.requests.average),
          p50ms: round(percentile(latencies, 50)),
          p95ms: round(percentile(latencies, 95)),
          p99ms: round(percentile(latencies, 99)),
          errors: run.errors,
          non2xx: run.non2xx,
          answers: answered.length,
          refusals,
          answeredP50ms: round(percentile(answered, 50)),
          answeredP95ms: round(percentile(answered, 95)),
        });
      },
    );
    // Every response, whatever its status: a slow error is still a slow answer.
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (status >= 200 && status < 300) answered.push(responseTime);
      else if (status === 503 || status === 429) refusals += 1;
    });
  });
}
