// A span for each GraphQL operation, the child of its HTTP request's span and the parent of its database round trips.
import { SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { requestSpans } from './request-spans.js';
import { activeTracer } from './tracer.js';

/** Names are the client's choice: long ones are cut, so that a span stays small. */
const LONGEST_NAME = 64;

/** The plugin when tracing is on, none otherwise (so Apollo calls nothing extra per request). */
export function graphqlTracing<C extends BaseContext>(): ApolloServerPlugin<C>[] {
  const tracer = activeTracer();
  if (!tracer) return [];
  return [
    {
      async requestDidStart() {
        const spans = requestSpans();
        if (!spans) return;
        const span = tracer.startSpan('GraphQL', {}, trace.setSpan(context.active(), spans.current));
        spans.current = span;
        return {
          // Only the operation's type and name: the document and its variables may hold anything a client sent.
          async didResolveOperation({ operation, operationName }) {
            if (!operation) return;
            const name = (operationName ?? operation.name?.value ?? '').slice(0, LONGEST_NAME);
            span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
            span.setAttribute('graphql.operation.type', operation.operation);
            if (name) span.setAttribute('graphql.operation.name', name);
          },
          async willSendResponse({ response }) {
            if (response.body.kind === 'single') {
              const codes = (response.body.singleResult.errors ?? []).map((error) =>
                String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
              );
              if (codes.length > 0) {
                span.setAttribute('graphql.error.codes', [...new Set(codes)]);
                span.setStatus({ code: SpanStatusCode.ERROR, message: codes[0] });
              }
            }
            span.end();
            spans.current = spans.http;
          },
        };
      },
    },
  ];
}
