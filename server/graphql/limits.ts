// Query limits (graphql-armor, and a cost that counts list sizes), set from the real widget and analyst queries with
// headroom, not from guesses.
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { ErrorCode, errorStatus } from '../../schema/errors.js';
import type { Context } from './context.js';
import { type CostModel, costModel } from './cost.js';

/**
 * The deepest query the API's tests and the analysts' examples make (programmes → edges → node → partners →
 * organisation → basedIn → name) is 7 levels, and none uses more than a few aliases. The limits leave about twice
 * that room, so real queries pass while a query that walks the graph without bound, repeats a field under dozens of
 * aliases or arrives as a batch is refused before it touches the database.
 */
export const QUERY_LIMITS = {
  maxDepth: 15,
  /**
   * Introspection is limited too, in every mode: GraphiQL's own query (getIntrospectionQuery with every option)
   * nests 15 fields from __schema down to its deepest type reference; a query nesting fields' types' fields
   * for 30 levels is refused.
   */
  maxIntrospectionDepth: 15,
  /**
   * The most fields, counted once per item of every list above them (server/graphql/cost.ts), a query may ask
   * for, which bounds the answer. GraphiQL's own introspection query costs about COST_INTROSPECTION, the widgets'
   * largest (a communication plan, each list at its default of 50) about COST_COMMS; a page of 100 topics with 500
   * services each, 50,300.
   */
  maxCost: 50_000,
  maxAliases: 15,
  maxTokens: 2_500,
  maxDirectives: 20,
} as const;

export function queryLimits(production: boolean) {
  const armor = new ApolloArmor({
    // Introspection has its own depth limit (queryCost), as GraphiQL's type references nest deeper than data does.
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // Cost is ours (queryCost): armor's ignores how long lists are.
    costLimit: { enabled: false },
    // "Did you mean …?" helps analysts in development and helps attackers map the schema in production.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    validationRules: armor.validationRules,
    plugins: [...(armor.plugins as ApolloServerPlugin<Context>[]), queryCost()],
  };
}

/**
 * Refuses an operation whose cost is over QUERY_LIMITS.maxCost once its variables are known (a `first` is often a
 * variable) and before anything runs or is looked up in the response cache, with 400, GRAPHQL_VALIDATION_FAILED
 * and the cost, so the client knows how much less to ask for.
 */
export function queryCost(): ApolloServerPlugin<Context> {
  // One model per schema: its introspection sizes are measured once.
  const models = new WeakMap<GraphQLSchema, CostModel>();
  const modelOf = (schema: GraphQLSchema) => models.get(schema) ?? models.set(schema, costModel(schema)).get(schema)!;
  // An operation without variables costs the same every time, and Apollo hands a repeated query the same parsed
  // document: its cost is worked out once, not walked again for every request that sends it.
  const fixedCosts = new WeakMap<OperationDefinitionNode, ReturnType<CostModel['cost']>>();
  return {
    async requestDidStart({ schema }) {
      const model = modelOf(schema);
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const fixed = !operation.variableDefinitions?.length;
          let measured = fixed ? fixedCosts.get(operation) : undefined;
          if (measured === undefined) {
            measured = model.cost(document, operation, request.variables ?? {});
            if (fixed) fixedCosts.set(operation, measured);
          }
          const { cost, introspectionDepth } = measured;
          const code = ErrorCode.GRAPHQL_VALIDATION_FAILED;
          const status = errorStatus(code);
          if (introspectionDepth > QUERY_LIMITS.maxIntrospectionDepth)
            throw new GraphQLError(
              `This introspection query nests ${introspectionDepth} fields deep, more than the ${QUERY_LIMITS.maxIntrospectionDepth} GraphiQL's own needs: ask for the schema as GraphiQL does (getIntrospectionQuery), or fetch schema.graphql.`,
              { extensions: { code, http: { status } } },
            );
          if (cost <= QUERY_LIMITS.maxCost) return;
          throw new GraphQLError(
            `This query could return about ${cost} values, more than the ${QUERY_LIMITS.maxCost} one request may ask for: ask for fewer items with smaller first arguments, or fewer fields inside lists, and page through the rest.`,
            { extensions: { code, http: { status }, cost, maxCost: QUERY_LIMITS.maxCost } },
          );
        },
      };
    },
  };
}
