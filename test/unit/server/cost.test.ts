// The cost a query is charged before it runs: every value it could return, __typename included.
import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CostModel, costModel } from '../../../server/graphql/cost.js';
import { QUERY_LIMITS } from '../../../server/graphql/limits.js';
import { buildGraphQLSchema } from '../../../server/graphql/schema.js';

describe('query cost', () => {
  let model: CostModel;
  beforeAll(async () => {
    model = costModel(await buildGraphQLSchema());
  });
  const cost = (query: string) => {
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    return model.cost(document, operation, {}).cost;
  };

  it('counts __typename once per item, so a list selecting only it is not free', () => {
    expect(cost('{ topic(key: "t") { services(first: 500) { __typename } } }')).toBe(1 + 1 + 500);
  });

  it('refuses thousands of parents with 500 __typename each, which were once nearly free', () => {
    // 49 topics × 500 services × their provider's 500 services: 12 million objects, once charged 49,148.
    const nest =
      '{ topics(first: 49) { edges { node { services(first: 500) { provider { services(first: 500) { __typename } } } } } } }';
    expect(cost(nest)).toBeGreaterThan(QUERY_LIMITS.maxCost);
  });

  it('counts a connection read backwards by its last, as it counts one read forwards by its first', () => {
    // Once only first was read, so last: 100 counted as the default page of 20 and slipped under the limit.
    const backwards = '{ topics(last: 100) { edges { node { services(first: 500) { name } } } } }';
    const forwards = '{ topics(first: 100) { edges { node { services(first: 500) { name } } } } }';
    expect(cost(backwards)).toBe(cost(forwards));
    expect(cost(backwards)).toBeGreaterThan(QUERY_LIMITS.maxCost);
    expect(cost('{ programme(key: "p") { actionsConnection(last: 30) { edges { node { name } } } } }')).toBe(
      1 + 1 + 30 + 30 + 30,
    );
  });

  it("counts a mutation's fields on the Mutation type, as it counts a query's on Query", () => {
    // createRecord is no field of Query: read from the wrong root type, it would cost nothing.
    expect(cost('mutation { createRecord(key: "k", kind: Topic, properties: {}) { id __typename } }')).toBe(1 + 1 + 1);
    expect(cost('mutation { __typename }')).toBe(1);
  });
});
