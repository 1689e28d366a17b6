// Every GraphQL object type of the graph, by the label of the nodes it shows.
import type { ClassType } from 'type-graphql';
import type { Label } from '../graph.js';
import { Action } from './action.js';
import { Area } from './area.js';
import { CommunicationActivity } from './communication-activity.js';
import { EngagementLevel } from './engagement-level.js';
import { Event } from './event.js';
import { Location } from './location.js';
import { Organisation } from './organisation.js';
import { Person } from './person.js';
import { Programme } from './programme.js';
import { Resource } from './resource.js';
import { Role } from './role.js';
import { Service } from './service.js';
import { SourceDocument } from './source-document.js';
import { StakeholderGroup } from './stakeholder-group.js';
import { Target } from './target.js';
import { TargetReading } from './target-reading.js';
import { Topic } from './topic.js';
import { Workstream } from './workstream.js';

/** Labels with a GraphQL type; AreaCode and Postcode are reached through their areas, not on their own. */
export const TYPE_BY_LABEL: Partial<Record<Label, ClassType>> = {
  Action, Area, CommunicationActivity, EngagementLevel, Event, Location, Organisation, Person, Programme, Resource,
  Role, Service, SourceDocument, StakeholderGroup, Target, TargetReading, Topic, Workstream,
};

export {
  Action, Area, CommunicationActivity, EngagementLevel, Event, Location, Organisation, Person, Programme, Resource,
  Role, Service, SourceDocument, StakeholderGroup, Target, TargetReading, Topic, Workstream,
};
