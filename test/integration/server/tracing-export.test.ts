// Traces leave by OTLP over HTTP to OTEL_EXPORTER_OTLP_ENDPOINT: a stand-in collector receives a request's spans.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import type { RunningService } from '../../../server/service.js';
import { startTracing, type Tracing } from '../../../server/tracing/tracer.js';
import { testTarget } from '../../support/database.js';
import { startTestService, TEST_ADMIN_TOKEN } from '../../support/service.js';

interface Received {
  path: string;
  contentType: string;
  body: any;
}

describe('traces sent to a collector', () => {
  const received: Received[] = [];
  let collector: Server;
  let tracing: Tracing | undefined;
  let service: RunningService;

  beforeAll(async () => {
    collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        received.push({
          path: request.url ?? '',
          contentType: request.headers['content-type'] ?? '',
          body: JSON.parse(text),
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/`;
    // As main.ts does: from the validated configuration, before the service is put together.
    const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    tracing = await startTracing({ endpoint: config.tracesEndpoint, serviceVersion: 'test' });
    service = await startTestService(testTarget(), { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
  });

  afterAll(async () => {
    await service?.stop();
    await tracing?.stop();
    await new Promise((resolve) => collector?.close(resolve));
  });

  it("sends a request's spans to <endpoint>/v1/traces, named for the service, when they are flushed", async () => {
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({ query: 'query Exported { about { migrations } }' }),
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    // Stopping sends what is still batched, as a stopping service does before it exits.
    await service.stop();
    await tracing?.stop();
    tracing = undefined;

    expect(received.length).toBeGreaterThan(0);
    expect(received.map((r) => r.path)).toEqual(received.map(() => '/v1/traces'));
    expect(received[0]?.contentType).toMatch(/^application\/json/);
    const resources = received.flatMap((r) => r.body.resourceSpans as any[]);
    const serviceNames = resources.map(
      (resource) =>
        resource.resource.attributes.find((attribute: any) => attribute.key === 'service.name')?.value.stringValue,
    );
    expect(new Set(serviceNames)).toEqual(new Set(['partnership-hub']));
    const names = resources.flatMap((resource) =>
      (resource.scopeSpans as any[]).flatMap((scope) => (scope.spans as any[]).map((span) => span.name as string)),
    );
    expect(names).toContain('POST /graphql');
    expect(names).toContain('query Exported');
    expect(
      names.filter((name) => /^(MATCH|CALL|OPTIONAL|WITH|UNWIND|RETURN|SHOW)\b/.test(name)).length,
    ).toBeGreaterThan(0);
  });
});
