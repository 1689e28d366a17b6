// The graph model as data, gathered from the concepts: for every label its properties and link fields, for every
// relationship type what it joins and carries. The importer, validation, migrations, the GraphQL types and their link
// resolvers all read these tables; the declarations are checked against each other when this module loads.
import { CONCEPTS } from './concepts/index.js';
import { LINK_PASSAGE } from './concepts/source-document.js';
import type { LinkField, PropertySpec, PropertySpecs, RelationshipDeclaration, Visibility } from './define.js';
import { LABELS, RELS, type Label, type Rel } from './graph.js';

export type { LinkField, PropertySpec, PropertySpecs, PropertyType, Vocabulary } from './define.js';

/** Properties every node may carry besides `id`, `key` and the service's own bookkeeping (version, retired). */
const COMMON: PropertySpecs = {
  description: { type: 'text', description: 'A sentence or two on what this is, in plain English.' },
  demo: {
    type: 'boolean',
    description: 'True for example records that are not from any real document, shown as demo data.',
  },
};

export const NODE_MODEL = Object.fromEntries(CONCEPTS.map((c) => [c.label, { ...COMMON, ...c.properties }])) as Record<
  Label,
  PropertySpecs
>;

export interface RelationshipSpec {
  from: readonly Label[];
  to: readonly Label[];
  description: string;
  properties: PropertySpecs;
}

export const RELATIONSHIP_MODEL = Object.fromEntries(
  CONCEPTS.flatMap((c) =>
    (Object.entries(c.relationships ?? {}) as [string, RelationshipDeclaration][]).map(([type, r]) => [
      type,
      {
        from: r.from === 'any' ? LABELS : r.from,
        to: r.to,
        description: r.description,
        // The link's own properties first (a partner's role), then where it was read from.
        properties: { ...r.properties, ...(r.quoted === false ? {} : LINK_PASSAGE) },
      },
    ]),
  ),
) as Record<Rel, RelationshipSpec>;

/** Labels shown as GraphQL types of their own (area codes and postcodes are reached through their areas). */
export const GRAPHQL_LABELS: readonly Label[] = CONCEPTS.filter((c) => c.graphql !== false).map((c) => c.label);

/** Labels in the full-text index, found by name and description. */
export const SEARCHABLE_LABELS: readonly Label[] = CONCEPTS.filter((c) => c.searchable === true).map((c) => c.label);

export const DESCRIPTIONS = Object.fromEntries(CONCEPTS.map((c) => [c.label, c.description])) as Record<Label, string>;

/** Which relationships to follow: from a parent label, along a type, in a direction, to some labels. */
export interface LinkSpec {
  from: Label;
  rel: Rel;
  direction: 'out' | 'in';
  to: readonly Label[];
  /** Follow a chain of this type up to this many hops (AREA_PART_OF from a borough to its region). */
  maxHops?: number;
  /** Also reach the nodes through one optional outgoing hop of this type first, ordered by that hop's position. */
  via?: Rel;
}

/** A link field of a label's GraphQL type: what it follows, and how it is shown. */
export interface LinkFieldSpec extends LinkSpec {
  field: string;
  description: string;
  one: boolean;
  union?: 'Actor';
}

/**
 * A spec checked against the model: the relationship exists and joins these labels in this direction. Resolvers that
 * reshape what they follow build their specs with this, so a link nobody declared fails when the module loads.
 */
export function linkSpec(
  from: Label,
  rel: Rel,
  direction: 'out' | 'in',
  to: readonly Label[],
  options: { maxHops?: number; via?: Rel } = {},
): LinkSpec {
  const spec = RELATIONSHIP_MODEL[rel];
  if (!spec) throw new Error(`The model has no relationship type ${rel}.`);
  const [near, far] = direction === 'out' ? [spec.from, spec.to] : [spec.to, spec.from];
  const start = options.via ? [from, ...RELATIONSHIP_MODEL[options.via].to] : [from];
  if (!start.some((l) => near.includes(l)))
    throw new Error(
      `${rel} does not ${direction === 'out' ? 'start' : 'end'} at ${from}: it joins ${spec.from.join('|')} to ${spec.to.join('|')}.`,
    );
  const stray = to.filter((l) => !far.includes(l));
  if (stray.length > 0)
    throw new Error(
      `${rel} from ${from} (${direction}) cannot reach ${stray.join(', ')}: it joins ${spec.from.join('|')} to ${spec.to.join('|')}.`,
    );
  return { from, rel, direction, to, ...options };
}

function fieldSpec(from: Label, field: string, link: LinkField): LinkFieldSpec {
  const known = (names: readonly string[], what: string) => {
    const unknown = names.filter((n) => !(what === 'label' ? LABELS : RELS).includes(n as never));
    if (unknown.length > 0)
      throw new Error(`${from}.${field} names ${what} ${unknown.join(', ')}, which the model does not declare.`);
  };
  known([link.rel, ...(link.via ? [link.via] : [])], 'relationship type');
  known(link.to, 'label');
  const spec = linkSpec(from, link.rel as Rel, link.direction, link.to as Label[], {
    maxHops: link.maxHops,
    via: link.via as Rel | undefined,
  });
  return { ...spec, field, description: link.description, one: link.one === true, union: link.union };
}

/** Every declared link field, by the label whose type has it: its own and those other concepts add to it. */
export const LINKS = Object.fromEntries(LABELS.map((l) => [l, {}])) as Record<Label, Record<string, LinkFieldSpec>>;
for (const c of CONCEPTS) {
  const add = (label: string, fields: Record<string, LinkField>) => {
    if (!LABELS.includes(label as Label))
      throw new Error(`${c.label} adds links to ${label}, which the model does not declare.`);
    for (const [field, link] of Object.entries(fields)) {
      if (LINKS[label as Label][field] || NODE_MODEL[label as Label][field])
        throw new Error(`${label}.${field} is declared twice.`);
      LINKS[label as Label][field] = fieldSpec(label as Label, field, link);
    }
  };
  add(c.label, c.links ?? {});
  for (const [label, fields] of Object.entries(c.linksOn ?? {})) add(label, fields);
}

// A relationship type declared by two concepts would silently take the later declaration's ends.
if (new Set(RELS).size !== RELS.length)
  throw new Error(`A relationship type is declared twice: ${RELS.filter((r, i) => RELS.indexOf(r) !== i).join(', ')}.`);

/** Who may read each property that is not public, as "Type.field": the privacy the concepts declare. */
export const PROPERTY_VISIBILITY: Readonly<Record<string, Exclude<Visibility, 'public'>>> = Object.fromEntries(
  CONCEPTS.flatMap((c) =>
    Object.entries(c.properties as Record<string, PropertySpec>)
      .filter(([, p]) => p.private)
      .map(([name]) => [`${c.label}.${name}`, 'analyst' as const]),
  ),
);
