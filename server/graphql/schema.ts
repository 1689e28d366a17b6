// Builds the executable GraphQL schema from the type-graphql resolvers.
import 'reflect-metadata';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage, type ClassType, type NonEmptyArray } from 'type-graphql';
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
  // Before the rules and caps, which wrap whatever resolver a field has then.
  dropPropertyReaders(schema);
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

/**
 * type-graphql gives every field it does not know to be simple a resolver of its own that builds a middleware chain
 * (empty here: no global middlewares, no @UseMiddleware, no auth checker) and reads the object's property of the
 * field's name: graphql-js's default resolver reads the same property without it, and an answer of thousands of fields
 * paid for each (a network's members and links, in which server/graphql/plain-answers.ts copies only fields without
 * one). So a field's resolver is dropped where that is all it does: no field resolver, middleware or roles, and the
 * property named as the field. Resolvers' objects are plain data, whose properties are never methods the default
 * resolver would call.
 */
function dropPropertyReaders(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const resolved = new Set(storage.fieldResolvers.map((r) => `${r.methodName}@${String(r.getObjectType?.()?.name)}`));
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const inherited = storage.interfaceTypes
      .filter((i) => objectType.interfaceClasses?.includes(i.target))
      .flatMap((i) => i.fields ?? []);
    for (const field of [...inherited, ...(objectType.fields ?? [])]) {
      if (field.middlewares?.length || field.roles || field.name !== field.schemaName) continue;
      if (resolved.has(`${field.name}@${field.target.name}`)) continue;
      const built = type.getFields()[field.schemaName];
      if (built) built.resolve = undefined;
    }
  }
}
