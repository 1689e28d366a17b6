// The graph's vocabulary: every node label, relationship type and their properties, named once.
// Server, seed and widgets import these names; nothing else spells a label or a type as a string.

/** Node labels. Every node has `id` (a UUID derived from label and key) and `key`; where it comes from is its DOCUMENTED_IN links. */
export const Label = {
  Organisation: 'Organisation',
  Area: 'Area',
  AreaCode: 'AreaCode',
  Programme: 'Programme',
  Workstream: 'Workstream',
  Action: 'Action',
  Target: 'Target',
  TargetReading: 'TargetReading',
  Person: 'Person',
  Role: 'Role',
  Resource: 'Resource',
  Service: 'Service',
  Location: 'Location',
  Topic: 'Topic',
  StakeholderGroup: 'StakeholderGroup',
  EngagementLevel: 'EngagementLevel',
  CommunicationActivity: 'CommunicationActivity',
  Event: 'Event',
  Postcode: 'Postcode',
  SourceDocument: 'SourceDocument',
} as const;
export type Label = (typeof Label)[keyof typeof Label];
export const LABELS: readonly Label[] = Object.values(Label);

/** Relationship types, each with the labels it joins (from → to) and the properties it may carry. */
export const Rel = {
  /** (Area)-[:PART_OF]->(Area): borough ⊂ footprint ⊂ region ⊂ country. */
  AREA_PART_OF: 'AREA_PART_OF',
  /** (Area)-[:HAS_CODE]->(AreaCode): dated ONS and ODS codes. */
  HAS_CODE: 'HAS_CODE',
  /** (Area)-[:SUCCEEDED_BY]->(Area): a 2017/18 footprint merged or renamed into a later one. */
  SUCCEEDED_BY: 'SUCCEEDED_BY',
  /** (Organisation)-[:PARTNER_IN {role}]->(Programme): lead, partner, funder or delivery partner. */
  PARTNER_IN: 'PARTNER_IN',
  /** (Organisation)-[:BASED_IN]->(Area). */
  BASED_IN: 'BASED_IN',
  /** (Organisation)-[:COVERS]->(Area): the area an organisation is responsible for (an ICB, a CCG, a council). */
  ORGANISATION_COVERS: 'ORGANISATION_COVERS',
  /** (Organisation)-[:PART_OF]->(Organisation): a CCG in an ICB, a team in a council. */
  ORGANISATION_PART_OF: 'ORGANISATION_PART_OF',
  /** (Programme)-[:PART_OF]->(Programme): a local roll-out of a national programme. */
  PROGRAMME_PART_OF: 'PROGRAMME_PART_OF',
  /** (Programme)-[:COVERS]->(Area). */
  PROGRAMME_COVERS: 'PROGRAMME_COVERS',
  /** (Programme)-[:SIGNPOSTS_TO]->(Service). */
  SIGNPOSTS_TO: 'SIGNPOSTS_TO',
  /** (Programme)-[:HAS_WORKSTREAM]->(Workstream). */
  HAS_WORKSTREAM: 'HAS_WORKSTREAM',
  /** (Programme|Workstream)-[:HAS_ACTION]->(Action). */
  HAS_ACTION: 'HAS_ACTION',
  /** (Programme)-[:HAS_TARGET]->(Target). */
  HAS_TARGET: 'HAS_TARGET',
  /** (Target)-[:HAS_READING]->(TargetReading). */
  HAS_READING: 'HAS_READING',
  /** (Action)-[:LED_BY {part}]->(Role|Person|Organisation): part is 'lead' or 'delivery'. */
  LED_BY: 'LED_BY',
  /** (Person)-[:HOLDS]->(Role). */
  HOLDS: 'HOLDS',
  /** (Role)-[:ROLE_IN]->(Organisation|Programme). */
  ROLE_IN: 'ROLE_IN',
  /** (Resource)-[:PUBLISHED_BY]->(Organisation). */
  PUBLISHED_BY: 'PUBLISHED_BY',
  /** (Resource)-[:SUPPORTS]->(Programme). */
  SUPPORTS: 'SUPPORTS',
  /** (Service|Resource|Programme|Event)-[:ABOUT]->(Topic). */
  ABOUT: 'ABOUT',
  /** (Service)-[:PROVIDED_BY]->(Organisation). */
  PROVIDED_BY: 'PROVIDED_BY',
  /** (Service)-[:AVAILABLE_IN]->(Area). */
  AVAILABLE_IN: 'AVAILABLE_IN',
  /** (Service|Organisation)-[:AT]->(Location). */
  AT: 'AT',
  /** (Programme)-[:ENGAGES {need, scope}]->(StakeholderGroup). */
  ENGAGES: 'ENGAGES',
  /** (StakeholderGroup)-[:NEEDS {qualifier}]->(EngagementLevel). */
  NEEDS: 'NEEDS',
  /** (Programme)-[:PLANS]->(CommunicationActivity). */
  PLANS: 'PLANS',
  /** (CommunicationActivity)-[:FOR]->(StakeholderGroup). */
  FOR: 'FOR',
  /** (CommunicationActivity)-[:PRODUCED_BY]->(Role). */
  PRODUCED_BY: 'PRODUCED_BY',
  /** (CommunicationActivity)-[:DELIVERED_BY {occasion}]->(Role). */
  DELIVERED_BY: 'DELIVERED_BY',
  /** (Organisation|Person|Role)-[:ORGANISED]->(Event). */
  ORGANISED: 'ORGANISED',
  /** (Organisation|Person|Role|StakeholderGroup)-[:TOOK_PART_IN]->(Event). */
  TOOK_PART_IN: 'TOOK_PART_IN',
  /** (Event)-[:EVENT_OF]->(Programme). */
  EVENT_OF: 'EVENT_OF',
  /** (Postcode)-[:IN_AREA]->(Area). */
  IN_AREA: 'IN_AREA',
  /** (any)-[:DOCUMENTED_IN {ref}]->(SourceDocument): where a fact comes from. */
  DOCUMENTED_IN: 'DOCUMENTED_IN',
} as const;
export type Rel = (typeof Rel)[keyof typeof Rel];
export const RELS: readonly Rel[] = Object.values(Rel);

/** Closed vocabularies, stored as these exact strings. */
export const OrganisationKind = [
  'NHS_TRUST', 'CCG', 'ICB', 'GP_PRACTICE', 'LOCAL_AUTHORITY', 'NATIONAL_BODY', 'REGIONAL_BODY',
  'PROFESSIONAL_NETWORK', 'VOLUNTARY', 'FIRE_AND_RESCUE', 'EDUCATION', 'TRADE_UNION', 'CHARITY_FOUNDATION', 'OTHER',
] as const;
export type OrganisationKind = (typeof OrganisationKind)[number];

export const AreaLevel = ['COUNTRY', 'REGION', 'FOOTPRINT', 'BOROUGH'] as const;
export type AreaLevel = (typeof AreaLevel)[number];

export const PartnershipRole = ['LEAD', 'PARTNER', 'FUNDER', 'DELIVERY_PARTNER', 'HOST', 'PROPOSED_PARTNER'] as const;
export type PartnershipRole = (typeof PartnershipRole)[number];

export const ActionStatus = ['PROPOSED', 'PLANNED', 'IN_PROGRESS', 'ONGOING', 'COMPLETED', 'CANCELLED'] as const;
export type ActionStatus = (typeof ActionStatus)[number];

export const EngagementLevelKey = ['AWARENESS', 'INVOLVEMENT', 'COMMITMENT'] as const;
export type EngagementLevelKey = (typeof EngagementLevelKey)[number];

export const EventKind = ['EVENT', 'WORKSHOP', 'COMMUNITY_OF_PRACTICE', 'MEETING', 'TRAINING'] as const;
export type EventKind = (typeof EventKind)[number];

export const ResourceKind = [
  'E_LEARNING', 'COMMUNICATION_MATERIAL', 'TOOLKIT', 'EVALUATION_TOOL', 'WEBSITE', 'WIKI', 'NEWSLETTER', 'LETTER',
  'BLOG', 'DIRECTORY', 'FRAMEWORK', 'DATA', 'LEAFLET', 'OTHER',
] as const;
export type ResourceKind = (typeof ResourceKind)[number];
