// Builds the executable GraphQL schema from the type-graphql resolvers.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AboutResolver } from './resolvers/about.js';

export const RESOLVERS = [AboutResolver] as const;

export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    // class-validator checks every input class; type-graphql 2 leaves this off unless asked.
    validate: { forbidUnknownValues: false },
  });
}
