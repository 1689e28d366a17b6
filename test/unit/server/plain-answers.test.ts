// Plain answers copied rather than walked by graphql-js are the answers graphql-js gives, errors included, each resolved once.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { plainAnswers } from '../../../server/graphql/plain-answers.js';

const SDL = `
  enum Kind { ORGANISATION PROGRAMME }
  type Member { id: String! name: String kind: Kind! tags: [String!] active: Boolean ref: ID }
  type Link { source: String! target: String! weight: Int }
  type Network { nodes: [Member!]! edges: [Link!]! }
  type Query {
    network(around: ID!, depth: Int = 2): Network!
    maybe(around: ID!): Network
    other: String
    footprints: [String!]!
  }
`;

/** A schema whose root fields resolve to what `network` holds, counting their calls. */
function schemaWith(network: () => unknown): { schema: GraphQLSchema; calls: string[] } {
  const schema = buildSchema(SDL);
  const calls: string[] = [];
  const fields = schema.getQueryType()!.getFields();
  fields.network!.resolve = async (_source, args: { around: string; depth: number }) => {
    calls.push(`network ${args.around} ${args.depth}`);
    if (args.around === 'missing') throw new Error('No record has id missing.');
    return network();
  };
  fields.maybe!.resolve = (_source, args: { around: string }) => {
    calls.push(`maybe ${args.around}`);
    return args.around === 'none' ? null : network();
  };
  fields.other!.resolve = () => 'other';
  fields.footprints!.resolve = () => ['E54000027'];
  return { schema, calls };
}

const GOOD = () => ({
  nodes: [
    { id: 'a', name: 'A', kind: 'ORGANISATION', tags: ['x'], extra: 1 },
    { id: 'b', name: null, kind: 'PROGRAMME' },
  ],
  edges: [{ source: 'a', target: 'b', weight: 3 }],
});

const QUERIES: [string, Record<string, unknown>?][] = [
  ['{ network(around: "c") { nodes { id name kind tags } edges { source target weight } } }'],
  [
    '{ net: network(around: "c", depth: 1) { __typename edges { to: target from: source } nodes { __typename kind } } }',
  ],
  ['query ($c: ID!, $d: Int) { network(around: $c, depth: $d) { nodes { id } } }', { c: 'c', d: 3 }],
  ['query ($c: ID!) { network(around: $c) { nodes { id } } }', { c: 7 }],
  ['query ($c: ID!) { network(around: $c) { nodes { id } } }', { c: ['not', 'an id'] }],
  ['{ network(around: "missing") { nodes { id } } }'],
  ['{ maybe(around: "none") { nodes { id } } }'],
  ['{ maybe(around: "c") { edges { weight } } }'],
  // Not plain: graphql-js executes these as before.
  ['{ network(around: "c") { nodes { id } } other }'],
  ['{ network(around: "c") { ...N } } fragment N on Network { nodes { id } }'],
  ['{ network(around: "c") { nodes { id @skip(if: true) name } } }'],
  ['{ network(around: "c") { nodes { id } nodes { name } } }'],
];

async function answersOf(server: ApolloServer, calls: string[], queries: typeof QUERIES) {
  await server.start();
  const answers: unknown[] = [];
  /** The queries whose answer was copied: graphql-js builds each object of an answer without a prototype. */
  const copied: string[] = [];
  for (const [query, variables] of queries) {
    calls.length = 0;
    const response = await server.executeOperation({ query, variables });
    answers.push({
      query,
      status: response.http.status,
      body: JSON.parse(JSON.stringify(response.body)),
      calls: [...calls],
    });
    const data = response.body.kind === 'single' ? response.body.singleResult.data : undefined;
    const first = data ? Object.values(data)[0] : undefined;
    if (first && typeof first === 'object' && Object.getPrototypeOf(first) !== null) copied.push(query);
  }
  await server.stop();
  return { answers, copied };
}

/** The same queries answered by Apollo over graphql-js alone, and over plainAnswers. */
async function compare(network: () => unknown, queries = QUERIES) {
  const byGraphqlJs = schemaWith(network);
  const copying = schemaWith(network);
  // As in the service, where the cache policy is worked out per operation (cache-policy.ts): Apollo's per-field plugin
  // would wrap every field in a resolver, and a field with a resolver is never copied.
  const plugins = [ApolloServerPluginCacheControlDisabled()];
  const expected = await answersOf(
    new ApolloServer({ schema: byGraphqlJs.schema, plugins }),
    byGraphqlJs.calls,
    queries,
  );
  const actual = await answersOf(
    new ApolloServer({ gateway: plainAnswers(copying.schema), plugins }),
    copying.calls,
    queries,
  );
  expect(expected.copied).toEqual([]);
  return { expected: expected.answers, actual: actual.answers, copied: actual.copied };
}

describe('plain answers', () => {
  it('answer every query as graphql-js does, each root field resolved once', async () => {
    const { expected, actual, copied } = await compare(GOOD);
    expect(actual).toEqual(expected);
    // The plain ones were copied; the rest executed by graphql-js.
    expect(copied).toEqual([0, 1, 2, 3, 7].map((i) => QUERIES[i]![0]));
    const { extra: _, ...first } = GOOD().nodes[0]!;
    expect(expected[0]).toMatchObject({
      calls: ['network c 2'],
      body: { singleResult: { data: { network: { nodes: [first, GOOD().nodes[1]], edges: GOOD().edges } } } },
    });
  });

  it('hand graphql-js what it must answer with an error, without resolving it again', async () => {
    const broken = [
      () => ({ nodes: [{ id: 'a', kind: 'ORGANISATION' }, null], edges: [] }),
      () => ({ nodes: [{ id: 'a', kind: 'NEITHER' }], edges: [] }),
      () => ({ nodes: [{ id: null, kind: 'PROGRAMME' }], edges: [] }),
      () => ({ nodes: 'not a list', edges: [] }),
      () => ({ nodes: [{ id: () => 'a', kind: 'PROGRAMME' }], edges: [] }),
      () => ({ nodes: [{ id: Promise.resolve('a'), kind: 'PROGRAMME', tags: 'x' }], edges: [] }),
    ];
    for (const network of broken) {
      const { expected, actual } = await compare(network);
      expect(actual).toEqual(expected);
      for (const answer of actual as { calls: string[] }[]) expect(answer.calls.length).toBeLessThanOrEqual(1);
    }
  });

  it('keep what serialising would give and serialise the rest, as graphql-js does, each leaf by its type', async () => {
    // The copier keeps a string where a String or an ID goes and a boolean where a Boolean goes; anything else is
    // serialised (a number as an ID or a String, a string where a Boolean goes is graphql-js's error).
    const queries: typeof QUERIES = [
      [
        '{ network(around: "c") { nodes { id active ref kind __typename } edges { source target weight __typename } } }',
      ],
      ['{ maybe(around: "c") { nodes { ref: id id: ref } } }'],
    ];
    const leaves = [
      () => ({
        nodes: [
          { id: 'a', kind: 'ORGANISATION', active: true, ref: 'r' },
          { id: 12, kind: 'PROGRAMME', active: false, ref: 7 },
          { id: true, kind: 'PROGRAMME', active: null },
        ],
        edges: [{ source: 'a', target: 3.5, weight: 2 }],
      }),
      () => ({ nodes: [{ id: 'a', kind: 'ORGANISATION', active: 'yes' }], edges: [] }),
      () => ({ nodes: [{ id: 'a', kind: 'ORGANISATION', ref: 1.5 }], edges: [] }),
      () => ({ nodes: [{ id: 'a', kind: 'ORGANISATION' }], edges: [{ source: 'a', target: 'b', weight: '3' }] }),
    ];
    for (const network of leaves) {
      const { expected, actual, copied } = await compare(network, queries);
      expect(actual).toEqual(expected);
      if (network === leaves[0]) expect(copied).toEqual(queries.map(([query]) => query));
    }
  });
});
