// A span for every HTTP request (its route pattern, method and status), the root of the request's trace.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Span } from '@opentelemetry/api';
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { REQUEST_SPANS, type RequestSpans } from './request-spans.js';
import { activeTracer } from './tracer.js';

const requestSpans = new WeakMap<FastifyRequest, RequestSpans>();

function finish(request: FastifyRequest, status: number | undefined): void {
  const spans = requestSpans.get(request);
  if (!spans) return;
  requestSpans.delete(request);
  // A GraphQL span left open (its request failed before Apollo answered) ends with its request.
  if (spans.current !== spans.http) spans.current.end();
  const span: Span = spans.http;
  if (status === undefined) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'the client went away before the answer' });
  } else {
    span.setAttribute('http.response.status_code', status);
    // A client's mistake (4xx) is the client's; only the service's own failures mark the span as an error.
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** Registered first, so that every later hook and the handler run inside the request's span. */
const tracing: FastifyPluginCallback = (app, _options, done) => {
  const tracer = activeTracer();
  if (!tracer) return done();
  app.addHook('onRequest', (request, _reply, next) => {
    // The route pattern, never the address asked for: addresses may carry keys and ids in their query strings.
    const route = request.routeOptions.url ?? 'unmatched';
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const http = tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'http.route': route, 'hub.request_id': request.id },
      },
      parent,
    );
    const spans: RequestSpans = { http, current: http };
    requestSpans.set(request, spans);
    const active = trace.setSpan(parent, http).setValue(REQUEST_SPANS, spans);
    // Fastify parses a body that arrives later in an AsyncResource made here, so the handler runs in this context too.
    context.with(active, next);
  });
  app.addHook('onResponse', (request, reply, next) => {
    finish(request, reply.statusCode);
    next();
  });
  app.addHook('onRequestAbort', (request, next) => {
    finish(request, undefined);
    next();
  });
  done();
};

export const httpTracing = fp(tracing, { name: 'http-tracing' });
