// The closed vocabularies widgets and plain pages show or filter by, named once: the model's kinds (types only, so
// no model code reaches a browser bundle) and what the directory lists.
export type {
  ActionStatus,
  EngagementLevelKey,
  OrganisationKind,
  PartnershipRole,
  ResourceKind,
} from '../schema/graph.js';

/** What the directory lists, in the order its filters show them: the API's SearchKind values. */
export const DIRECTORY_KINDS = ['SERVICE', 'RESOURCE', 'ORGANISATION'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/** Whether a value (an attribute or a query-string parameter, upper-cased) names one of the directory's kinds. */
export const isDirectoryKind = (value: string): value is DirectoryKind =>
  (DIRECTORY_KINDS as readonly string[]).includes(value);
