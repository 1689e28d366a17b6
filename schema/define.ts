// The words a concept is declared in: properties with types, descriptions and privacy, relationships with their ends,
// and link fields. Each file of schema/concepts/ uses them once; schema/model.ts gathers the concepts.

/** A closed vocabulary, stored as these exact strings and shown in GraphQL as the enum it names. */
export type Vocabulary<V extends string = string> = readonly V[] & {
  readonly vocabulary: string;
  readonly description: string;
};

export function vocabulary<const V extends string>(
  name: string,
  description: string,
  values: readonly V[],
): Vocabulary<V> {
  return Object.freeze(Object.assign([...values], { vocabulary: name, description }));
}

/** The kinds of value a property may hold. `date` is an ISO date (2018-03-31) or month (2017-09). */
export type PropertyType =
  | 'string'
  | 'text'
  | 'integer'
  | 'integers'
  | 'number'
  | 'boolean'
  | 'date'
  | 'url'
  | 'strings'
  | Vocabulary;

/** Who may read a property: everyone, or only analysts and admins (people's contact details). */
export type Visibility = 'public' | 'analyst';

export interface PropertySpec {
  type: PropertyType;
  required?: boolean;
  /** Not shown to the public role: people's contact details. */
  private?: boolean;
  /** Kept in the graph but not a GraphQL field (Open Referral UK details only the feed gives back). */
  internal?: boolean;
  description: string;
}

export type PropertySpecs = Record<string, PropertySpec>;

/** A relationship type: the labels it joins (from → to), what it means, and the properties it may carry. */
export interface RelationshipDeclaration {
  from: readonly string[] | 'any';
  to: readonly string[];
  description: string;
  properties?: PropertySpecs;
  /**
   * False for the one link that is itself a record's provenance (DOCUMENTED_IN, whose passages are its own properties);
   * every other link may carry the passage of its document it was read from (schema/concepts/source-document.ts).
   */
  quoted?: false;
}

/**
 * A field that follows one relationship type from a node: a list of the linked nodes, or the one linked node. Fields
 * that reshape what they follow (a partnership with its role, a lead with its part) are written as resolvers instead,
 * with their specs checked against the relationship's ends all the same.
 */
export interface LinkField {
  rel: string;
  direction: 'out' | 'in';
  to: readonly string[];
  description: string;
  /** At most one linked node (a service's provider); otherwise a list. */
  one?: boolean;
  /** Follow a chain of this type up to this many hops. */
  maxHops?: number;
  /** Also reach the nodes through one optional outgoing hop of this type first (a programme's workstreams' actions). */
  via?: string;
  /** The GraphQL union to show several labels as, when not the Node interface (Actor: a role, person or organisation). */
  union?: 'Actor';
}

export interface ConceptDeclaration<L extends string = string, R extends string = string> {
  label: L;
  description: string;
  /** False for labels reached only through others (area codes, postcodes): no GraphQL type of their own. */
  graphql?: boolean;
  /** Found by name and description in the full-text index (what people look for by name). */
  searchable?: boolean;
  properties: PropertySpecs;
  /** The relationship types this concept starts, declared here once each. */
  relationships?: Record<R, RelationshipDeclaration>;
  /** Link fields of this concept's GraphQL type. */
  links?: Record<string, LinkField>;
  /** Link fields this concept adds to other concepts' types (a new concept linking to programmes gives Programme a field). */
  linksOn?: Record<string, Record<string, LinkField>>;
}

/** Declares a concept; the label and relationship names are kept as literal types for the derived vocabularies. */
export function concept<const L extends string, const R extends string = never>(
  declaration: ConceptDeclaration<L, R>,
): ConceptDeclaration<L, R> {
  return declaration;
}

/** A required name, the property most concepts start with. */
export const name = (description: string): PropertySpec => ({ type: 'string', required: true, description });
