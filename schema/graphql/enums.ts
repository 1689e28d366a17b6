// The closed vocabularies of schema/graph.ts and schema/model.ts as GraphQL enums, registered once.
import { registerEnumType } from 'type-graphql';
import { ActionStatus, AreaLevel, EngagementLevelKey, EventKind, OrganisationKind, PartnershipRole, ResourceKind } from '../graph.js';
import { NODE_MODEL, RELATIONSHIP_MODEL } from '../model.js';

function graphqlEnum(values: readonly string[], name: string, description: string): Record<string, string> {
  const object = Object.fromEntries(values.map((v) => [v, v]));
  registerEnumType(object, { name, description });
  return object;
}

const closed = (type: unknown): readonly string[] => type as readonly string[];

export const OrganisationKindEnum = graphqlEnum(OrganisationKind, 'OrganisationKind', 'What sort of organisation this is.');
export const AreaLevelEnum = graphqlEnum(AreaLevel, 'AreaLevel', 'Country, NHS England region, STP footprint or borough.');
export const PartnershipRoleEnum = graphqlEnum(PartnershipRole, 'PartnershipRole', 'An organisation\'s part in a programme.');
export const ActionStatusEnum = graphqlEnum(ActionStatus, 'ActionStatus', 'Where an action stands.');
export const EngagementLevelKeyEnum = graphqlEnum(EngagementLevelKey, 'EngagementLevelKey', 'The engagement a stakeholder group needs.');
export const EventKindEnum = graphqlEnum(EventKind, 'EventKind', 'What sort of event this is.');
export const ResourceKindEnum = graphqlEnum(ResourceKind, 'ResourceKind', 'What sort of resource this is.');
export const WorkstreamKindEnum = graphqlEnum(closed(NODE_MODEL.Workstream.kind?.type), 'WorkstreamKind', 'A workstream of deliverables, or a key area of work.');
export const RecurrenceEnum = graphqlEnum(closed(NODE_MODEL.Action.recurrence?.type), 'Recurrence', 'How often a recurring action happens.');
export const ResourceStatusEnum = graphqlEnum(closed(NODE_MODEL.Resource.status?.type), 'ResourceStatus', 'Whether a resource exists yet.');
export const EventStatusEnum = graphqlEnum(closed(NODE_MODEL.Event.status?.type), 'EventStatus', 'Whether an event has happened.');
export const LeadPartEnum = graphqlEnum(closed(RELATIONSHIP_MODEL.LED_BY.properties.part?.type), 'LeadPart', 'Leads it, delivers it or supports it.');
