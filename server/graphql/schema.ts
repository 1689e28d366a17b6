// Builds the executable GraphQL schema from the type-graphql resolvers.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type ClassType, type NonEmptyArray } from 'type-graphql';
import { applyFieldRules } from './access.js';
import { capListFields } from './list-caps.js';
import { AboutResolver } from './resolvers/about.js';
import { AdminResolver } from './resolvers/admin.js';
import { ApiKeyResolver } from './resolvers/api-keys.js';
import {
  ActionPlanListsResolver,
  ActionPlanResolver,
  AnalyticsResolver,
  LeadLoadResolver,
  NetworkNodeResolver,
} from './resolvers/analytics.js';
import { AreaResolver } from './resolvers/area.js';
import { HistoryResolver } from './resolvers/history.js';
import { CommunitiesResolver, TrajectoryResolver } from './resolvers/patterns.js';
import { TopicResolver } from './resolvers/directory.js';
import { CommunicationActivityResolver, StakeholderGroupResolver } from './resolvers/engagement.js';
import { LINK_RESOLVERS } from './resolvers/links.js';
import {
  AreaListsResolver,
  OrganisationListsResolver,
  ProgrammeListsResolver,
  TopicListsResolver,
} from './resolvers/list-links.js';
import { LookupResolver } from './resolvers/lookups.js';
import { OrganisationResolver } from './resolvers/organisation.js';
import { ActionResolver, ProgrammeResolver, TargetResolver } from './resolvers/programme.js';
import { PROVENANCE_RESOLVERS } from './resolvers/provenance.js';
import { RecordLinksResolver } from './resolvers/record-links.js';
import { SearchResolver } from './resolvers/search.js';
import { ServiceResolver } from './resolvers/service.js';

export const RESOLVERS: NonEmptyArray<ClassType> = [
  AboutResolver,
  LookupResolver,
  SearchResolver,
  AnalyticsResolver,
  CommunitiesResolver,
  TrajectoryResolver,
  HistoryResolver,
  NetworkNodeResolver,
  ActionPlanResolver,
  ActionPlanListsResolver,
  LeadLoadResolver,
  AdminResolver,
  ApiKeyResolver,
  RecordLinksResolver,
  OrganisationResolver,
  ServiceResolver,
  AreaResolver,
  ProgrammeResolver,
  ProgrammeListsResolver,
  OrganisationListsResolver,
  AreaListsResolver,
  TopicListsResolver,
  ActionResolver,
  TargetResolver,
  TopicResolver,
  StakeholderGroupResolver,
  CommunicationActivityResolver,
  ...LINK_RESOLVERS,
  ...PROVENANCE_RESOLVERS,
];

export async function buildGraphQLSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    // class-validator checks every input class; type-graphql 2 leaves this off unless asked.
    validate: { forbidUnknownValues: false },
  });
  // The one table of access rules in access.ts, put on the fields it names.
  applyFieldRules(schema);
  // No list of records without a bound: every one takes `first`, cut in Cypher.
  capListFields(schema);
  // type-graphql leaves the root types undescribed; the schema's own documentation starts here.
  const query = schema.getQueryType();
  if (query)
    query.description =
      'Everything in the Partnership Hub graph: look records up, list them, and follow their relationships.';
  const mutation = schema.getMutationType();
  if (mutation)
    mutation.description =
      'Admin changes to the graph: each checked against the model, versioned and recorded in the audit trail.';
  return schema;
}
