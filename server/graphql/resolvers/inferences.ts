// What a document only implies, said wherever a link is served: a network's edges carry inferred like partnerships do.
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { NetworkEdge } from '../../../schema/graphql/network.js';
import type { NetworkEdge as Edge } from '../../database/network.js';

@Resolver(() => NetworkEdge)
export class NetworkEdgeInferenceResolver {
  // The database marks only inferred edges, to keep the thousands of stated ones small on the wire.
  @FieldResolver(() => Boolean)
  inferred(@Root() edge: Edge): boolean {
    return edge.inferred === true;
  }
}
