// Query limits (graphql-armor), set from the real widget and analyst queries with headroom, not from guesses.
import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * The deepest query the API's tests and the analysts' examples make (programmes → edges → node → partners →
 * organisation → basedIn → name) is 7 levels, and none uses more than a few aliases. The limits leave about twice
 * that room, so real queries pass while a query that walks the graph without bound, repeats a field under dozens of
 * aliases or arrives as a batch is refused before it touches the database.
 */
export const QUERY_LIMITS = {
  maxDepth: 15,
  maxCost: 5_000,
  maxAliases: 15,
  maxTokens: 2_500,
  maxDirectives: 20,
} as const;

export function queryLimits(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // "Did you mean …?" helps analysts in development and helps attackers map the schema in production.
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
