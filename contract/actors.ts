// Names of the roles, people and organisations that lead, produce or deliver things (the API's Actor union).

export interface Actor {
  __typename: 'Role' | 'Person' | 'Organisation';
  name: string;
}

/** The GraphQL selection that gives an Actor's name whatever its type. */
export const ACTOR_NAME = '__typename ... on Role { name } ... on Person { name } ... on Organisation { name }';

export const actorNames = (actors: readonly { name: string }[] | undefined): string =>
  (actors ?? []).map((a) => a.name).join(', ');
