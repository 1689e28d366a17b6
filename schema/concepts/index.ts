// Every concept of the graph, in the order they are listed everywhere (labels, migrations, documentation).
// Adding a concept: declare it in a file of its own beside this one and add it here; everything else follows.
import { Action } from './action.js';
import { AreaCode } from './area-code.js';
import { Area } from './area.js';
import { CommunicationActivity } from './communication-activity.js';
import { Event } from './event.js';
import { Finding } from './finding.js';
import { Location } from './location.js';
import { Organisation } from './organisation.js';
import { Person } from './person.js';
import { Postcode } from './postcode.js';
import { Programme } from './programme.js';
import { Resource } from './resource.js';
import { Role } from './role.js';
import { Service } from './service.js';
import { SourceDocument } from './source-document.js';
import { EngagementLevel, StakeholderGroup } from './stakeholder-group.js';
import { TaxonomyTerm } from './taxonomy-term.js';
import { Target, TargetReading } from './target.js';
import { Topic } from './topic.js';
import { Workstream } from './workstream.js';

export const CONCEPTS = [
  Organisation,
  Area,
  AreaCode,
  Programme,
  Workstream,
  Action,
  Target,
  TargetReading,
  Person,
  Role,
  Resource,
  Service,
  Location,
  Topic,
  TaxonomyTerm,
  StakeholderGroup,
  EngagementLevel,
  CommunicationActivity,
  Event,
  Finding,
  Postcode,
  SourceDocument,
] as const;

export { ActionStatus, LeadPart, Recurrence } from './action.js';
export { AreaLevel } from './area.js';
export { CodeSystem } from './area-code.js';
export { EventKind, EventStatus } from './event.js';
export { FindingKind } from './finding.js';
export {
  ORGANISATION_IDENTIFIERS,
  type OrganisationIdentifier,
  OrganisationKind,
  PartnershipRole,
} from './organisation.js';
export { ResourceKind, ResourceStatus } from './resource.js';
export { EngagementLevelKey } from './stakeholder-group.js';
export { WorkstreamKind } from './workstream.js';
