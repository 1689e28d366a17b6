// The model's closed vocabularies as GraphQL enums, each registered once under the name its declaration gives it.
import { registerEnumType } from 'type-graphql';
import { ActionStatus, AreaLevel, EngagementLevelKey, LeadPart, OrganisationKind, PartnershipRole } from '../graph.js';
import type { Vocabulary } from '../model.js';

const registered = new Map<string, Record<string, string>>();

/** The GraphQL enum of a vocabulary, registered the first time it is asked for. */
export function enumOf(vocabulary: Vocabulary): Record<string, string> {
  let object = registered.get(vocabulary.vocabulary);
  if (!object) {
    object = Object.fromEntries(vocabulary.map((v) => [v, v]));
    registerEnumType(object, { name: vocabulary.vocabulary, description: vocabulary.description });
    registered.set(vocabulary.vocabulary, object);
  }
  return object;
}

// The enums that GraphQL shapes outside the model's types name (arguments, network members, links); the model's own
// types register theirs through enumOf as they are built.
export const OrganisationKindEnum = enumOf(OrganisationKind);
export const AreaLevelEnum = enumOf(AreaLevel);
export const PartnershipRoleEnum = enumOf(PartnershipRole);
export const ActionStatusEnum = enumOf(ActionStatus);
export const EngagementLevelKeyEnum = enumOf(EngagementLevelKey);
export const LeadPartEnum = enumOf(LeadPart);
