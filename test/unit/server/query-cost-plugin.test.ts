// The cost limit and the public's introspection refusal hold on every request, though each document is measured once.
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError, Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../../server/graphql/context.js';
import { introspectionByRole } from '../../../server/graphql/introspection.js';
import { queryCost } from '../../../server/graphql/limits.js';
import { buildGraphQLSchema } from '../../../server/graphql/schema.js';

type Schema = Awaited<ReturnType<typeof buildGraphQLSchema>>;

/** Runs a plugin's didResolveOperation as Apollo does for one request; resolves with its refusal's code, or null. */
async function refusal(
  plugin: ApolloServerPlugin<Context>,
  schema: Schema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  role: Context['role'] = 'public',
): Promise<string | null> {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const requestContext = {
    schema,
    document,
    operation,
    request: { variables },
    contextValue: { role },
  } as unknown as GraphQLRequestContextDidResolveOperation<Context>;
  const listener = await plugin.requestDidStart?.(requestContext as never);
  try {
    await listener?.didResolveOperation?.(requestContext);
    return null;
  } catch (error) {
    return error instanceof GraphQLError ? String(error.extensions.code) : 'not a GraphQL error';
  }
}

describe('limits measured once per document', () => {
  let schema: Schema;
  beforeAll(async () => {
    schema = await buildGraphQLSchema();
  });

  it('refuses a costly query every time it is sent, and answers a cheap one every time', async () => {
    const plugin = queryCost();
    // The same parsed document each time, as Apollo's document store hands a repeated query.
    const costly = parse('{ topics(first: 100) { edges { node { services(first: 500) { name } } } } }');
    const cheap = parse('{ topics(first: 2) { edges { node { name } } } }');
    for (let i = 0; i < 3; i += 1) {
      expect(await refusal(plugin, schema, costly)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(await refusal(plugin, schema, cheap)).toBeNull();
    }
  });

  it("measures an operation with variables by each request's own, in any order", async () => {
    const plugin = queryCost();
    const document = parse(
      'query ($n: Int!) { topics(first: 100) { edges { node { services(first: $n) { name } } } } }',
    );
    expect(await refusal(plugin, schema, document, { n: 2 })).toBeNull();
    expect(await refusal(plugin, schema, document, { n: 500 })).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await refusal(plugin, schema, document, { n: 2 })).toBeNull();
  });

  it('refuses the public introspection every time, and lets an analyst introspect the same document', async () => {
    const plugin = introspectionByRole(false);
    const document = parse('{ __schema { queryType { name } } }');
    for (let i = 0; i < 2; i += 1) {
      expect(await refusal(plugin, schema, document)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(await refusal(plugin, schema, document, {}, 'analyst')).toBeNull();
      expect(await refusal(plugin, schema, parse('{ __typename }'))).toBeNull();
    }
  });
});
