// The cache policy worked out once per operation gives every answer the Cache-Control header Apollo's own plugin gives.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cachePolicyPlugins } from '../../../server/graphql/cache-policy.js';

interface Role {
  role: 'public' | 'admin';
}

const SDL = `
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  enum CacheControlScope { PUBLIC PRIVATE }
  type Thing { name: String kids: [Thing] }
  type Query { n: Int thing: Thing things: [Thing] fail: Int }
  type Mutation { change: Int }
`;

/** A small schema with resolvers, like ours in the ways that matter: objects, lists, a field that fails, a mutation. */
function schemaOf(sdl: string): GraphQLSchema {
  const schema = buildSchema(sdl);
  const thing = { name: 'a', kids: [{ name: 'b', kids: [] }] };
  const query = schema.getQueryType()!.getFields();
  query.n!.resolve = () => 1;
  query.thing!.resolve = async () => thing;
  query.things!.resolve = () => [thing, thing];
  query.fail!.resolve = () => {
    throw new Error('no');
  };
  schema.getMutationType()!.getFields().change!.resolve = () => 2;
  return schema;
}

/** As responseCaching does: a key's answers private, a mutation's never cacheable. */
const restrictions: ApolloServerPlugin<Role> = {
  async requestDidStart({ contextValue }) {
    return {
      async executionDidStart({ overallCachePolicy, operation }) {
        if (contextValue.role !== 'public') overallCachePolicy.restrict({ scope: 'PRIVATE' });
        if (operation.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
      },
    };
  },
};

async function answers(plugins: ApolloServerPlugin<Role>[], schema: GraphQLSchema) {
  const seen: { maxAge?: number; scope?: string }[] = [];
  const server = new ApolloServer<Role>({
    schema,
    plugins: [
      ...plugins,
      restrictions,
      {
        async requestDidStart() {
          return {
            async willSendResponse({ overallCachePolicy }) {
              seen.push({ maxAge: overallCachePolicy.maxAge, scope: overallCachePolicy.scope });
            },
          };
        },
      },
    ],
  });
  await server.start();
  const results: unknown[] = [];
  for (const [query, variables, role] of CASES) {
    // Twice: the second from Apollo's store of parsed documents, as a repeated widget query is.
    for (let i = 0; i < 2; i += 1) {
      const response = await server.executeOperation({ query, variables }, { contextValue: { role } });
      results.push({ query, variables, role, cacheControl: response.http.headers.get('cache-control') });
    }
  }
  await server.stop();
  return { results, policies: seen };
}

const CASES: [string, Record<string, unknown> | undefined, Role['role']][] = [
  ['{ n }', undefined, 'public'],
  ['{ n }', undefined, 'admin'],
  ['{ thing { name kids { name kids { name } } } things { name } }', undefined, 'public'],
  ['{ __typename }', undefined, 'public'],
  ['{ __schema { queryType { name } } }', undefined, 'admin'],
  ['{ __type(name: "Thing") { name } __typename }', undefined, 'public'],
  ['{ n @skip(if: true) }', undefined, 'public'],
  ['{ n @include(if: false) __typename }', undefined, 'public'],
  ['query ($s: Boolean!) { n @skip(if: $s) }', { s: true }, 'public'],
  ['query ($s: Boolean!) { n @skip(if: $s) }', { s: false }, 'public'],
  ['query ($s: Boolean!) { n @skip(if: $s) }', { s: 'yes' }, 'public'],
  ['query ($s: Boolean = true) { n @include(if: $s) }', undefined, 'public'],
  ['query ($s: Boolean = true) { n @include(if: $s) }', { s: false }, 'admin'],
  ['{ ...F } fragment F on Query { thing { name } }', undefined, 'public'],
  ['{ ... on Query { n } }', undefined, 'admin'],
  ['{ ... @skip(if: true) { n } __typename }', undefined, 'public'],
  ['{ fail }', undefined, 'public'],
  ['{ n fail }', undefined, 'admin'],
  ['{ nope }', undefined, 'public'],
  ['mutation { change }', undefined, 'admin'],
  ['mutation { __typename }', undefined, 'admin'],
];

const HINTED = SDL.replace('type Thing {', 'type Thing @cacheControl(maxAge: 5) {');

describe('cache policy per operation', () => {
  it.each([
    {
      // Ours replaces Apollo's per-field walk.
      schema: 'without hints',
      sdl: SDL,
      // The cases cover both outcomes, public and private.
      headers: ['max-age=60, public', 'max-age=60, private', 'no-store'],
    },
    {
      // Apollo's own plugin is kept.
      schema: 'with @cacheControl hints',
      sdl: HINTED,
      headers: ['max-age=5, public', 'max-age=60, public', 'max-age=60, private', 'no-store'],
    },
  ])(
    "gives every answer the header and policy Apollo's per-field plugin gives, in a schema $schema",
    async ({ sdl, headers }) => {
      const apollo = await answers([ApolloServerPluginCacheControl({ defaultMaxAge: 60 })], schemaOf(sdl));
      const schema = schemaOf(sdl);
      const ours = await answers(cachePolicyPlugins<Role>(schema, 60), schema);
      expect(ours).toEqual(apollo);
      expect(new Set(apollo.results.map((r) => (r as { cacheControl: string }).cacheControl))).toEqual(
        new Set(headers),
      );
    },
  );

  it('resolves no field through a per-field hook, so Apollo leaves the resolvers unwrapped', async () => {
    const schema = schemaOf(SDL);
    const before = schema.getQueryType()!.getFields().n!.resolve;
    await answers(cachePolicyPlugins<Role>(schema, 60), schema);
    expect(schema.getQueryType()!.getFields().n!.resolve).toBe(before);
  });
});
