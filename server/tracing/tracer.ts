// Whether this process traces, and the one tracer its hooks share: on only when started with an exporter, else nothing at all.
import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { observeRoundTrips } from '../database/database.js';
import { traceRoundTrip } from './database.js';

export interface TracingOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: spans go there over OTLP/HTTP, to `<endpoint>/v1/traces`. */
  endpoint?: string;
  /** Where spans go instead of an endpoint (tests give an in-memory exporter's processor). */
  spanProcessor?: SpanProcessor;
  serviceVersion: string;
}

export interface Tracing {
  /** Sends what is still buffered and unregisters everything, so the process is as if tracing never started. */
  stop(): Promise<void>;
}

let tracer: Tracer | undefined;

/**
 * The tracer, once tracing started. The HTTP and GraphQL hooks ask once, when the service is put together, and add
 * nothing when it is undefined: a service without OTEL_EXPORTER_OTLP_ENDPOINT pays nothing per request.
 */
export function activeTracer(): Tracer | undefined {
  return tracer;
}

/** Registers a tracer provider for the process (one, like the driver) and starts tracing requests and round trips. */
export async function startTracing(options: TracingOptions): Promise<Tracing> {
  if (tracer) throw new Error('tracing has already started in this process');
  // Loaded only when tracing is wanted, so a service without it never loads the SDK or the exporter.
  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
  ]);
  let processor = options.spanProcessor;
  if (!processor) {
    if (!options.endpoint) throw new Error('tracing needs an endpoint or a span processor');
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    // Headers (OTEL_EXPORTER_OTLP_HEADERS, for a collector's key) are read by the exporter from the environment.
    processor = new BatchSpanProcessor(
      new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` }),
    );
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': process.env.OTEL_SERVICE_NAME || 'partnership-hub',
      'service.version': options.serviceVersion,
    }),
    spanProcessors: [processor],
  });
  // AsyncLocalStorage carries each request's spans through its awaits; W3C trace context joins a caller's trace.
  provider.register();
  tracer = provider.getTracer('partnership-hub', options.serviceVersion);
  const unobserve = observeRoundTrips((trip) => {
    if (tracer) traceRoundTrip(tracer, trip);
  });
  return {
    async stop() {
      unobserve();
      tracer = undefined;
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        context.disable();
        propagation.disable();
      }
    },
  };
}
