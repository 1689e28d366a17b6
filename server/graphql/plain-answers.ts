// Executes GraphQL as graphql-js does, except that a plain answer (a network's thousands of members and links) is copied, not walked field by field.
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  execute,
  GraphQLBoolean,
  GraphQLID,
  GraphQLString,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values.js';

/** What Apollo Server takes in place of a schema to execute operations its own way (its gateway interface). */
type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/**
 * graphql-js spends about a microsecond and a handful of objects on every field of an answer (its resolve info, its
 * arguments, its path, its completion), so a network of a thousand links costs milliseconds of CPU to copy from the
 * resolver's plain objects into the answer. A query whose only root field returns such plain objects (every field
 * below it an object or a leaf with no resolver, no arguments and no isTypeOf; no fragments, directives or repeated
 * names) is answered here instead: the root field's resolver runs as graphql-js would run it (the same arguments,
 * context and resolve info, so access rules and limits apply), and its value is copied with each leaf serialised by
 * its type. Anything graphql-js would answer with an error (a resolver's error, a null where none may be, a value
 * its type cannot serialise) is handed to graphql-js with the value already resolved, so errors are graphql-js's
 * own and nothing is read twice. Everything else is executed by graphql-js as before.
 */
export function plainAnswers(schema: GraphQLSchema): Gateway {
  const plans = new WeakMap<OperationDefinitionNode, Plan | null>();
  /** A root field's outcome the copy could not use, for graphql-js to take instead of resolving the field again. */
  const handedOver = new WeakMap<object, Outcome>();
  const wrapped = new WeakSet<GraphQLField<unknown, unknown>>();
  let loaded: ((schema: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | undefined;
  const planFor = (document: DocumentNode, operation: OperationDefinitionNode): Plan | null => {
    let plan = plans.get(operation);
    if (plan === undefined) {
      plan = planOf(schema, document, operation);
      if (plan && !wrapped.has(plan.field)) {
        wrapped.add(plan.field);
        plan.field.resolve = takingOver(plan.field.resolve!, handedOver);
      }
      plans.set(operation, plan);
    }
    return plan;
  };

  const executor: GatewayExecutor = async ({ document, operation, context, request }) => {
    const byGraphqlJs = () =>
      execute({
        schema,
        document,
        contextValue: context,
        variableValues: request.variables,
        operationName: request.operationName,
      }) as Promise<ExecutionResult>;
    const plan = operation ? planFor(document, operation) : null;
    if (!plan) return byGraphqlJs();
    const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (!coerced) return byGraphqlJs();
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(plan.field, plan.node, coerced);
    } catch {
      return byGraphqlJs();
    }
    const info: GraphQLResolveInfo = {
      fieldName: plan.field.name,
      fieldNodes: [plan.node],
      returnType: plan.field.type,
      parentType: plan.parent,
      path: { prev: undefined, key: plan.key, typename: plan.parent.name },
      schema,
      fragments: {},
      rootValue: undefined,
      operation,
      variableValues: coerced,
    };
    let value: unknown;
    try {
      value = await plan.field.resolve!(undefined, args, context, info);
    } catch (error) {
      handedOver.set(context, { error });
      return byGraphqlJs();
    }
    try {
      return { data: { [plan.key]: plan.copy(value) } };
    } catch (error) {
      if (!(error instanceof Unfit)) throw error;
      handedOver.set(context, { value });
      return byGraphqlJs();
    }
  };

  return {
    onSchemaLoadOrUpdate: (callback) => {
      loaded = callback;
      return () => {
        loaded = undefined;
      };
    },
    load: async () => {
      loaded?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor };
    },
    stop: async () => {},
  };
}

type Outcome = { value: unknown } | { error: unknown };

/** A root field's resolver that first takes the outcome the copy handed over for this request, if any. */
function takingOver(
  resolve: GraphQLFieldResolver<unknown, unknown>,
  handedOver: WeakMap<object, Outcome>,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const outcome = typeof context === 'object' && context !== null ? handedOver.get(context) : undefined;
    if (outcome === undefined) return resolve(source, args, context, info);
    handedOver.delete(context as object);
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}

/** The fields selected below an object, each with its response key and type, in the order the answer lists them. */
type Shape = { key: string; name: string; type: GraphQLOutputType; shape?: Shape }[];

interface Plan {
  key: string;
  node: FieldNode;
  field: GraphQLField<unknown, unknown>;
  parent: GraphQLObjectType;
  /** The root field's value as its answer: the shape's copier, worked out once per operation. */
  copy: Copier;
}

/** The plan of a query answered by copying, or null when graphql-js must execute it. */
function planOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Plan | null {
  const root = schema.getQueryType();
  if (operation.operation !== 'query' || !root || document.definitions.length !== 1) return null;
  const [node, ...others] = operation.selectionSet.selections;
  if (!node || others.length > 0 || node.kind !== Kind.FIELD || node.directives?.length || !node.selectionSet)
    return null;
  const field = root.getFields()[node.name.value];
  const type = field && getNamedType(field.type);
  if (!field?.resolve || !isObjectType(type) || type.isTypeOf) return null;
  if (isListType(getNullableType(field.type))) return null;
  const shape = shapeOf(type, node.selectionSet);
  return shape
    ? { key: node.alias?.value ?? node.name.value, node, field, parent: root, copy: copier(field.type, shape) }
    : null;
}

/** The shape of a selection of plain fields on `type`, or null when any field needs graphql-js. */
function shapeOf(type: GraphQLObjectType, selectionSet: SelectionSetNode): Shape | null {
  const shape: Shape = [];
  const keys = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length || selection.arguments?.length) return null;
    const key = selection.alias?.value ?? selection.name.value;
    if (keys.has(key)) return null;
    keys.add(key);
    const name = selection.name.value;
    if (name === '__typename') {
      shape.push({ key, name, type: type });
      continue;
    }
    const field = type.getFields()[name];
    if (!field || field.resolve || field.args.length > 0) return null;
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      if (selection.selectionSet) return null;
      shape.push({ key, name, type: field.type });
    } else if (isObjectType(named) && !named.isTypeOf && selection.selectionSet) {
      const below = shapeOf(named, selection.selectionSet);
      if (!below) return null;
      shape.push({ key, name, type: field.type, shape: below });
    } else return null;
  }
  return shape;
}

/** Thrown where graphql-js would answer with an error: the copy stops and graphql-js answers. */
class Unfit extends Error {}

/** Copies a value as graphql-js completes it for one type and selection, or throws Unfit where graphql-js would err. */
type Copier = (value: unknown) => unknown;

/**
 * The copier of `value` as graphql-js completes it for `type` (the default resolver reading each field of a plain
 * object), worked out once per operation: walking the types for every value of a network of thousands took four
 * times as long as the copying itself. A string where a String or an ID goes, or a boolean where a Boolean goes, is
 * what serialising it would give, so it is kept as it is; any other leaf is serialised by its type.
 */
function copier(type: GraphQLOutputType, shape: Shape | undefined): Copier {
  if (isNonNullType(type)) {
    const inner = copier(type.ofType, shape);
    return (value) => {
      const copied = inner(value);
      if (copied === null) throw new Unfit();
      return copied;
    };
  }
  if (isListType(type)) {
    const item = copier(type.ofType, shape);
    return (value) => {
      if (value === null || value === undefined) return null;
      if (!Array.isArray(value)) throw new Unfit();
      const items = new Array(value.length);
      for (let i = 0; i < value.length; i += 1) items[i] = item(value[i]);
      return items;
    };
  }
  if (shape === undefined) {
    const leaf = type as GraphQLLeafType;
    const kept = leaf === GraphQLString || leaf === GraphQLID ? 'string' : leaf === GraphQLBoolean ? 'boolean' : '';
    return (value) => {
      if (value === null || value === undefined) return null;
      if (typeof value === kept) return value;
      if (typeof (value as { then?: unknown }).then === 'function') throw new Unfit();
      let serialised: unknown;
      try {
        serialised = leaf.serialize(value);
      } catch {
        throw new Unfit();
      }
      if (serialised === null || serialised === undefined) throw new Unfit();
      return serialised;
    };
  }
  const typeName = (type as GraphQLObjectType).name;
  const fields = shape.map((field) => ({
    key: field.key,
    name: field.name,
    copy: field.name === '__typename' ? undefined : copier(field.type, field.shape),
  }));
  return (value) => {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'object' || typeof (value as { then?: unknown }).then === 'function') throw new Unfit();
    const source = value as Record<string, unknown>;
    const answer: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i += 1) {
      const field = fields[i]!;
      if (field.copy === undefined) {
        answer[field.key] = typeName;
        continue;
      }
      const property = source[field.name];
      if (typeof property === 'function') throw new Unfit();
      answer[field.key] = field.copy(property);
    }
    return answer;
  };
}
