// The network query asks Neo4j only for what its selection reads: each member's and link's fields as the query names them.
import { type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { WHOLE_NETWORK } from '../../../server/database/network.js';
import { projectionOf } from '../../../server/graphql/network-projection.js';

/** The resolve info of the query's first root field, as far as projectionOf reads it. */
const infoOf = (query: string) => {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode] } as unknown as GraphQLResolveInfo;
};

describe('projectionOf', () => {
  it('reads only what a drawing asks for: no keys, kinds, demo marks, link types or inferences', () => {
    expect(
      projectionOf(infoOf('{ network(around: "x") { nodes { id name type } edges { source target role } } }')),
    ).toEqual({
      key: false,
      kind: false,
      demo: false,
      edgeType: false,
      role: true,
      inference: false,
    });
  });

  it('reads each field asked, inline fragments included, and inferences for either inference field', () => {
    const projection = projectionOf(
      infoOf(
        '{ network(around: "x") { ... on Network { nodes { key organisationKind demo } } edges { type inferred } } }',
      ),
    );
    expect(projection).toEqual({ key: true, kind: true, demo: true, edgeType: true, role: false, inference: true });
    expect(projectionOf(infoOf('{ network(around: "x") { edges { inference } } }')).inference).toBe(true);
  });

  it('reads the whole network for a named fragment or a directive, which it does not follow', () => {
    expect(projectionOf(infoOf('{ network(around: "x") { ...drawn } }'))).toEqual(WHOLE_NETWORK);
    expect(projectionOf(infoOf('{ network(around: "x") { nodes @include(if: true) { id } } }'))).toEqual(WHOLE_NETWORK);
  });
});
