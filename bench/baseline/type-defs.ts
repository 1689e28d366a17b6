// The baseline's type definitions for @neo4j/graphql 7: the same labels, relationship types and properties as
// schema/, for the two questions the benchmark asks both services (the directory search and an organisation profile).
import { Label, Rel } from '../../schema/graph.js';
import { SEARCH_INDEX } from '../../schema/migrations.js';

/**
 * The search uses our own full-text index (searchText, over the names and descriptions of several labels), as
 * `@fulltext` allows: the library queries it and keeps the hits that carry the type's label.
 */
export const BASELINE_TYPE_DEFS = /* GraphQL */ `
  type ${Label.Service} @node @fulltext(indexes: [{ indexName: "${SEARCH_INDEX}", queryName: "servicesByText", fields: ["name", "description"] }]) {
    id: ID!
    key: String!
    name: String!
    description: String
    provider: [${Label.Organisation}!]! @relationship(type: "${Rel.PROVIDED_BY}", direction: OUT)
    topics: [${Label.Topic}!]! @relationship(type: "${Rel.ABOUT}", direction: OUT)
    availableIn: [${Label.Area}!]! @relationship(type: "${Rel.AVAILABLE_IN}", direction: OUT)
  }

  type ${Label.Topic} @node {
    id: ID!
    key: String!
    name: String!
  }

  type ${Label.Area} @node {
    id: ID!
    key: String!
    name: String!
    level: String!
    parent: [${Label.Area}!]! @relationship(type: "${Rel.AREA_PART_OF}", direction: OUT)
    children: [${Label.Area}!]! @relationship(type: "${Rel.AREA_PART_OF}", direction: IN)
    "The footprint a borough lies in: a path of one to three hops, which the library reaches through a Cypher field."
    footprint: ${Label.Area} @cypher(statement: """
      MATCH (this)-[:${Rel.AREA_PART_OF}*1..3]->(footprint:${Label.Area} {level: 'FOOTPRINT'})
      RETURN footprint LIMIT 1
    """, columnName: "footprint")
  }

  type ${Label.Organisation} @node {
    id: ID!
    key: String!
    name: String!
    kind: String!
    programmes: [${Label.Programme}!]! @relationship(type: "${Rel.PARTNER_IN}", direction: OUT, properties: "Partnership")
    areasCovered: [${Label.Area}!]! @relationship(type: "${Rel.ORGANISATION_COVERS}", direction: OUT)
    roles: [${Label.Role}!]! @relationship(type: "${Rel.ROLE_IN}", direction: IN)
    resources: [${Label.Resource}!]! @relationship(type: "${Rel.PUBLISHED_BY}", direction: IN)
  }

  type Partnership @relationshipProperties {
    role: String!
  }

  type ${Label.Programme} @node {
    id: ID!
    key: String!
    name: String!
  }

  type ${Label.Role} @node {
    id: ID!
    key: String!
    name: String!
  }

  type ${Label.Resource} @node {
    id: ID!
    key: String!
    name: String!
  }
`;
