// The graph's vocabulary: every node label, relationship type and closed vocabulary, named once by the concepts in
// schema/concepts/ and gathered here. Cypher, readers and (through contract/) widgets use these names; nothing spells
// one by hand.
import { CONCEPTS } from './concepts/index.js';

type Concepts = (typeof CONCEPTS)[number];

/** Node labels. Every node has `id` (a UUID derived from label and key) and `key`; its sources are DOCUMENTED_IN links. */
export type Label = Concepts['label'];
export const Label = Object.fromEntries(CONCEPTS.map((c) => [c.label, c.label])) as { readonly [L in Label]: L };
export const LABELS: readonly Label[] = CONCEPTS.map((c) => c.label);

type RelationshipsOf<C> = C extends { relationships?: infer R } ? keyof NonNullable<R> & string : never;
/** Relationship types; each concept declares those it starts, with their ends, meaning and properties. */
export type Rel = RelationshipsOf<Concepts>;
export const RELS: readonly Rel[] = CONCEPTS.flatMap((c) => Object.keys(c.relationships ?? {}) as Rel[]);
export const Rel = Object.fromEntries(RELS.map((r) => [r, r])) as { readonly [R in Rel]: R };

export {
  ActionStatus,
  AreaLevel,
  CodeSystem,
  EngagementLevelKey,
  EventKind,
  EventStatus,
  LeadPart,
  OrganisationKind,
  PartnershipRole,
  Recurrence,
  ResourceKind,
  ResourceStatus,
  WorkstreamKind,
} from './concepts/index.js';
import type * as V from './concepts/index.js';

export type OrganisationKind = (typeof V.OrganisationKind)[number];
export type AreaLevel = (typeof V.AreaLevel)[number];
export type PartnershipRole = (typeof V.PartnershipRole)[number];
export type ActionStatus = (typeof V.ActionStatus)[number];
export type EngagementLevelKey = (typeof V.EngagementLevelKey)[number];
export type EventKind = (typeof V.EventKind)[number];
export type ResourceKind = (typeof V.ResourceKind)[number];
