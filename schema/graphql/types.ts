// The GraphQL object type of every label, built from the model: one field per property, typed, described and
// nullable as the concept declares. Link fields are added by the service's resolvers from the same model.
import { Field, Float, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Label } from '../graph.js';
import { DESCRIPTIONS, GRAPHQL_LABELS, NODE_MODEL, type PropertyType, type Vocabulary } from '../model.js';
import { enumOf } from './enums.js';
import { Node } from './node.js';

/** Fields every node type has from the Node interface, whatever the model says of the stored property. */
const NODE_FIELDS = new Set(['id', 'key', 'demo', 'version', 'retired']);

function graphqlType(type: PropertyType): () => unknown {
  if (Array.isArray(type)) {
    const graphqlEnum = enumOf(type as Vocabulary);
    return () => graphqlEnum;
  }
  switch (type) {
    case 'integer':
      return () => Int;
    case 'number':
      return () => Float;
    case 'boolean':
      return () => Boolean;
    case 'strings':
      return () => [String];
    case 'integers':
      return () => [Int];
    default:
      return () => String;
  }
}

function objectType(label: Label): ClassType {
  // A class per label, named after it, so that type-graphql and error messages name the type as GraphQL does.
  const type = { [label]: class extends Node {} }[label]!;
  for (const [name, spec] of Object.entries(NODE_MODEL[label])) {
    if (spec.internal || NODE_FIELDS.has(name)) continue;
    Field(graphqlType(spec.type) as () => typeof String, { nullable: !spec.required, description: spec.description })(
      type.prototype,
      name,
    );
  }
  ObjectType(label, { implements: Node, description: DESCRIPTIONS[label] })(type);
  return type;
}

const TYPES = new Map<Label, ClassType>(GRAPHQL_LABELS.map((label) => [label, objectType(label)]));

/** The GraphQL type of a label; asking for one the model keeps out of GraphQL is a programming error. */
export function typeOf(label: Label): ClassType {
  const type = TYPES.get(label);
  if (!type) throw new Error(`${label} has no GraphQL type: the model declares it with graphql: false.`);
  return type;
}

/** Labels with a GraphQL type, and their types. */
export const TYPE_BY_LABEL: ReadonlyMap<Label, ClassType> = TYPES;
