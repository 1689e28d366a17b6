// Reading a record's links with the record: which relationship fields a query asks for below it, as link trees the
// database reads in the same statement, and the loaders primed with them so the fields' resolvers make no round trip.
import {
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  type SelectionSetNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  Kind,
  type SelectionNode,
} from 'graphql';
import { validate as isUuid } from 'uuid';
import { type Label, LABELS } from '../../../schema/graph.js';
import { LINKS, type LinkSpec, NODE_MODEL } from '../../../schema/model.js';
import { type Linked, MAX_LINKS, specKey } from '../../database/links.js';
import type { GraphNode } from '../../database/nodes.js';
import { type LinkTree, type ReadLinks, recordWithLinks } from '../../database/prefetch.js';
import type { Context } from '../context.js';
import { DEFAULT_LINKS } from '../list-caps.js';
import { ANCESTORS } from './area.js';
import { PARTNERSHIPS } from './organisation.js';
import { LEADS, PARTNERS } from './programme.js';
import { lookup } from './support.js';

/** How deep below the record links are read with it: the profile's areas' footprints are two levels down. */
const MAX_DEPTH = 3;

/** A relationship field the loaders answer: the specs its resolver follows, and where its linked node's fields are. */
interface LinkField {
  specs: readonly LinkSpec[];
  /** The field below it that shows the linked node, when the field shows the link (a partnership's programme). */
  nodeAt?: string;
  /** Properties of the linked nodes its resolver reads besides those asked (an area's footprint: their levels). */
  reads?: readonly string[];
}

/**
 * Fields written as resolvers that follow links through the loaders; the model's link fields (LINKS) need no entry.
 * A field left out here is still answered, by its loader in a round trip of its own.
 */
const WRITTEN: Readonly<Record<string, LinkField>> = {
  'Organisation.partnerships': { specs: [PARTNERSHIPS], nodeAt: 'programme' },
  'Area.footprint': { specs: [ANCESTORS], reads: ['level'] },
  'Area.region': { specs: [ANCESTORS], reads: ['level'] },
  // An action plan's leads and a programme's partners, read with the programme's actions in its one statement.
  'Action.leads': { specs: [LEADS], nodeAt: 'by' },
  'Programme.partners': { specs: [PARTNERS], nodeAt: 'organisation' },
};

function linkField(typeName: string, fieldName: string): LinkField | undefined {
  const modelled = LINKS[typeName as Label]?.[fieldName];
  return WRITTEN[`${typeName}.${fieldName}`] ?? (modelled ? { specs: [modelled] } : undefined);
}

/** False when @skip or @include leaves the selection out, as graphql-js decides. */
function included(info: GraphQLResolveInfo, node: SelectionNode): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

/** True when a fragment on `condition` applies to an object of `typeName`. */
function appliesTo(info: GraphQLResolveInfo, condition: string | undefined, typeName: string): boolean {
  if (condition === undefined || condition === typeName) return true;
  const abstract = info.schema.getType(condition);
  const object = info.schema.getType(typeName);
  return isAbstractType(abstract) && isObjectType(object) && info.schema.isSubType(abstract, object);
}

/** The fields the selection sets ask of an object of `typeName`, through fragments, as graphql-js collects them. */
function fieldsOf(info: GraphQLResolveInfo, typeName: string, sets: readonly SelectionSetNode[]): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (set: SelectionSetNode, seen: ReadonlySet<string>) => {
    for (const selection of set.selections) {
      if (!included(info, selection)) continue;
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(info, selection.typeCondition?.name.value, typeName)) visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = info.fragments[selection.name.value];
        if (fragment && appliesTo(info, fragment.typeCondition.name.value, typeName))
          visit(fragment.selectionSet, new Set([...seen, selection.name.value]));
      }
    }
  };
  for (const set of sets) visit(set, new Set());
  return fields;
}

/** The selection sets of the fields named `name` below these, and the type they show. */
function below(
  info: GraphQLResolveInfo,
  typeName: string,
  sets: readonly SelectionSetNode[],
  name: string,
): { typeName: string; sets: SelectionSetNode[] } | undefined {
  const type = info.schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[name] : undefined;
  if (!field) return undefined;
  const found = fieldsOf(info, typeName, sets)
    .filter((f) => f.name.value === name && f.selectionSet !== undefined)
    .map((f) => f.selectionSet!);
  return { typeName: getNamedType(field.type).name, sets: found };
}

/**
 * How many links the field's resolver asks its loader for: a list field's `first` (server/graphql/list-caps.ts), a
 * single link's MAX_LINKS; undefined when the field will refuse its arguments, which its own resolver then says.
 */
function limitOf(info: GraphQLResolveInfo, definition: GraphQLField<unknown, unknown>, node: FieldNode) {
  if (!isListType(getNullableType(definition.type))) return MAX_LINKS;
  let first: unknown;
  try {
    first = getArgumentValues(definition, node, info.variableValues).first ?? DEFAULT_LINKS;
  } catch {
    return undefined;
  }
  return typeof first === 'number' && Number.isInteger(first) && first >= 1 && first <= MAX_LINKS ? first : undefined;
}

/** Fields of every node type that the Node interface answers from the record's own properties. */
const NODE_FIELDS = new Set(['id', 'key', 'demo', 'version', 'retired']);

/**
 * The properties a linked node of `typeName` needs for what the selection asks of it: each field that shows a property
 * of its model (a provider's name), and `reads`; undefined, so every property is read, when a field asks something
 * else (a field worked out by a resolver from other properties), or the type is not one label's. Link fields need
 * only the node's id, which is always read.
 */
function propertiesAsked(
  info: GraphQLResolveInfo,
  typeName: string,
  sets: readonly SelectionSetNode[],
  reads: readonly string[],
): string[] | undefined {
  const model = NODE_MODEL[typeName as Label];
  if (!model || !isObjectType(info.schema.getType(typeName))) return undefined;
  const names = new Set(reads);
  for (const field of fieldsOf(info, typeName, sets)) {
    const name = field.name.value;
    if (name === '__typename' || linkField(typeName, name)) continue;
    const property = model[name];
    if (NODE_FIELDS.has(name) || (property && !property.internal)) names.add(name);
    else return undefined;
  }
  return [...names];
}

/**
 * Link fields whose linked nodes may be read by name (only the properties asked): each answered by the model's plain
 * link resolver or one that reads nothing of the nodes beyond what is asked (an area's footprint: its level, said in
 * WRITTEN). A link some resolver follows for its own use (an action's workstream, to find its programme's date) is
 * left out, so what that resolver reads is always there.
 */
const READ_BY_NAME = new Set([
  'Service.provider',
  'Service.topics',
  'Service.areas',
  'Resource.publisher',
  'Resource.topics',
  'Organisation.partnerships',
  'Organisation.areasCovered',
  'Organisation.roles',
  'Organisation.resources',
  'Organisation.services',
  'Area.footprint',
  'Area.region',
  'Programme.partners',
  'Programme.actions',
  'Programme.targets',
  'Programme.areasCovered',
  'Programme.topics',
]);

/** Whether the links found can be read by name: false once a field asks for links below the deepest level read. */
interface Reading {
  byName: boolean;
}

/**
 * The links a query asks for below a record of `typeName` (the label its GraphQL type is named after), as trees for
 * one statement: each field's specs with the loaders' own limit, and below each the links asked of the node it shows,
 * when that is of one label. Fields asking alike (footprint and region, the same spec) share one tree.
 *
 * Linked nodes are read by name (only the properties the selection shows) when nothing else in the request can ask the
 * loaders for the same links wanting more: the operation has this one root field, every link it asks is read here (none
 * below the deepest level), and each is a field of READ_BY_NAME. Otherwise every property is read, as the loaders do.
 */
export function linkTreesBelow(info: GraphQLResolveInfo, typeName: string, sets: readonly SelectionSetNode[]) {
  const reading: Reading = { byName: onlyRootField(info) };
  const trees = treesBelow(info, typeName, sets, 1, reading);
  return reading.byName ? trees : everyProperty(trees);
}

/**
 * The properties a search's hits need for what its page asks of each kind, or undefined (read them all) when some
 * kind's selection asks a field worked out from other properties. The hits are no loader's, so nothing else reads them.
 */
export function hitProperties(
  info: GraphQLResolveInfo,
  kinds: readonly string[],
  sets: readonly SelectionSetNode[],
): string[] | undefined {
  const names = new Set<string>();
  for (const kind of kinds) {
    const asked = propertiesAsked(info, kind, sets, []);
    if (!asked) return undefined;
    for (const name of asked) names.add(name);
  }
  return [...names];
}

function onlyRootField(info: GraphQLResolveInfo): boolean {
  const roots = info.operation.selectionSet.selections;
  return roots.length === 1 && roots[0]!.kind === Kind.FIELD;
}

function everyProperty(trees: readonly LinkTree[]): LinkTree[] {
  return trees.map(({ properties: _, ...tree }) => ({ ...tree, children: everyProperty(tree.children) }));
}

function treesBelow(
  info: GraphQLResolveInfo,
  typeName: string,
  sets: readonly SelectionSetNode[],
  depth: number,
  reading: Reading,
): LinkTree[] {
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) return [];
  if (depth > MAX_DEPTH) {
    // Links asked below the deepest level come from the loaders, which might find nodes read by name here.
    if (fieldsOf(info, typeName, sets).some((f) => linkField(typeName, f.name.value))) reading.byName = false;
    return [];
  }
  const asked = new Map<
    string,
    { spec: LinkSpec; limit: number; sets: SelectionSetNode[]; reads: string[]; byName: boolean }
  >();
  for (const node of fieldsOf(info, typeName, sets)) {
    const link = linkField(typeName, node.name.value);
    const definition = type.getFields()[node.name.value];
    if (!link || !definition) continue;
    const limit = limitOf(info, definition, node);
    if (limit === undefined) continue;
    const own = node.selectionSet ? [node.selectionSet] : [];
    const nodeSets = link.nodeAt
      ? (below(info, getNamedType(definition.type).name, own, link.nodeAt)?.sets ?? [])
      : own;
    for (const spec of link.specs) {
      const key = `${specKey(spec)}#${limit}`;
      const entry = asked.get(key) ?? { spec, limit, sets: [], reads: [], byName: true };
      entry.sets.push(...nodeSets);
      entry.reads.push(...(link.reads ?? []));
      entry.byName &&= READ_BY_NAME.has(`${typeName}.${node.name.value}`);
      asked.set(key, entry);
    }
  }
  return [...asked.values()].map(({ spec, limit, sets: nodeSets, reads, byName }) => {
    const only = spec.to.length === 1 ? spec.to[0]! : undefined;
    const properties = only && byName ? propertiesAsked(info, only, nodeSets, reads) : undefined;
    return {
      spec,
      limit,
      children: only ? treesBelow(info, only, nodeSets, depth + 1, reading) : [],
      ...(properties ? { properties } : {}),
    };
  });
}

/** The selection sets below the field being resolved along `path` (a search's edges, then node). */
export function selectionsAt(info: GraphQLResolveInfo, path: readonly string[]): SelectionSetNode[] {
  let typeName = getNamedType(info.returnType).name;
  let sets = info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  for (const name of path) {
    const next = below(info, typeName, sets, name);
    if (!next) return [];
    ({ typeName, sets } = next);
  }
  return sets;
}

/** Gives the request's loaders what a statement read with its records, so the link fields find it there. */
export function primeLinks(ctx: Context, read: readonly ReadLinks[]): void {
  const primed = primedLinks.get(ctx.loaders) ?? new Map<string, Linked[]>();
  primedLinks.set(ctx.loaders, primed);
  for (const { spec, limit, parentId, linked } of read) {
    const key = `${specKey(spec)}#${limit}#${parentId}`;
    const earlier = primed.get(key);
    // The same links of the same record asked twice (the record met again further down): a loader keeps what it was
    // given first, so that gains the properties the second asked.
    if (earlier) addProperties(earlier, linked);
    else {
      primed.set(key, linked);
      ctx.loaders.links(spec, limit).prime(parentId, linked);
    }
  }
}

/** What each request's loaders were given, by spec, limit and parent, so a second reading adds to the first. */
const primedLinks = new WeakMap<object, Map<string, Linked[]>>();

function addProperties(into: readonly Linked[], from: readonly Linked[]): void {
  const more = new Map(from.map((l) => [l.node.id, l.node]));
  for (const { node } of into)
    for (const [name, value] of Object.entries(more.get(node.id) ?? {})) if (!(name in node)) node[name] = value;
}

/**
 * One record of a label by id or key, as `lookup` finds it, with the links the query asks of it read in the same
 * statement: the profile of an organisation in one round trip where the loaders took one per level.
 */
export async function lookupWithLinks(
  ctx: Context,
  label: Label,
  id: string | null | undefined,
  key: string | null | undefined,
  info: GraphQLResolveInfo,
): Promise<GraphNode> {
  const given = id ?? key;
  const trees = linkTreesBelow(info, label, selectionsAt(info, []));
  // Not exactly one well-formed id or key, or nothing to read with it: the plain lookup, which says what is wrong.
  if (trees.length === 0 || (id != null) === (key != null) || given == null || (id != null && !isUuid(id)))
    return lookup(ctx, label, id, key);
  const found = await recordWithLinks(ctx.db, [label], id != null ? { id } : { key: given }, { [label]: trees });
  // None there: the plain lookup says so as it always has (a round trip more, on a miss only).
  if (!found) return lookup(ctx, label, id, key);
  return primed(ctx, found);
}

/**
 * Any record by id, with the links the query asks of it by its type's fragments (the directory's detail of a service
 * or an organisation) read in the same statement; null when there is none, as the node loader says.
 */
export async function nodeWithLinks(ctx: Context, id: string, info: GraphQLResolveInfo): Promise<GraphNode | null> {
  const sets = selectionsAt(info, []);
  const trees = Object.fromEntries(
    LABELS.map((label) => [label, linkTreesBelow(info, label, sets)] as const).filter(([, t]) => t.length > 0),
  );
  if (Object.keys(trees).length === 0) return ctx.loaders.node.load(id);
  const found = await recordWithLinks(ctx.db, LABELS, { id }, trees);
  return found ? primed(ctx, found) : null;
}

/** The record found, after giving the request's loaders it and its links. */
function primed(ctx: Context, found: { node: GraphNode; links: ReadLinks[] }): GraphNode {
  ctx.loaders.node.prime(found.node.id, found.node);
  primeLinks(ctx, found.links);
  return found.node;
}
