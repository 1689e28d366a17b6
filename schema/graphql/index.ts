// The GraphQL object types of the graph by name, for resolvers that name them; every one is built from the model.
import { Label } from '../graph.js';
import { typeOf } from './types.js';

export { TYPE_BY_LABEL, typeOf } from './types.js';

export const Action = typeOf(Label.Action);
export const Area = typeOf(Label.Area);
export const CommunicationActivity = typeOf(Label.CommunicationActivity);
export const EngagementLevel = typeOf(Label.EngagementLevel);
export const Event = typeOf(Label.Event);
export const Location = typeOf(Label.Location);
export const Organisation = typeOf(Label.Organisation);
export const Person = typeOf(Label.Person);
export const Programme = typeOf(Label.Programme);
export const Resource = typeOf(Label.Resource);
export const Role = typeOf(Label.Role);
export const Service = typeOf(Label.Service);
export const SourceDocument = typeOf(Label.SourceDocument);
export const StakeholderGroup = typeOf(Label.StakeholderGroup);
export const Target = typeOf(Label.Target);
export const TargetReading = typeOf(Label.TargetReading);
export const Topic = typeOf(Label.Topic);
export const Workstream = typeOf(Label.Workstream);
