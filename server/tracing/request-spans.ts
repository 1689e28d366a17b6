// Each traced request's spans, kept in its context so that later hooks know which span is the parent of theirs.
import { context, createContextKey, type Span } from '@opentelemetry/api';

/**
 * The HTTP span and the innermost span open under it (the GraphQL operation's while it runs). A slot rather than a
 * new context per span, because Apollo's hooks cannot run the resolvers inside a context of their own: the
 * GraphQL span is set here, and the database's spans, created where the resolvers run, find it here.
 */
export interface RequestSpans {
  http: Span;
  current: Span;
}

export const REQUEST_SPANS = createContextKey('partnership-hub request spans');

/** The spans of the request whose work is running now, or undefined outside a traced request. */
export function requestSpans(): RequestSpans | undefined {
  return context.active().getValue(REQUEST_SPANS) as RequestSpans | undefined;
}
