// What a query may cost before it runs: every field counted once per item of each list above it, lists by `first` or `last`.
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE } from './resolvers/support.js';

/**
 * The estimate of a list's length when nothing in the query says it: the network's nodes and edges, an action plan's
 * groups, an admin's history. Lists of records take `first` (server/graphql/list-caps.ts), so this covers few.
 */
export const UNSTATED_LIST = 100;

/**
 * How long each introspection list is, on average, in this schema: the length of `__schema.types`, of
 * `__schema.directives`, and the mean of every other (a type's fields, a field's arguments, an enum's values). The
 * mean over every type, not the longest, so GraphiQL's own introspection query costs what it really returns, while asking for the
 * fields of a field's type's fields multiplies at every level, as its answer does.
 */
function introspectionSizes(schema: GraphQLSchema): Map<string, number> {
  const types = Object.values(schema.getTypeMap());
  const mean = (lengths: number[]) =>
    Math.max(1, Math.ceil(lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length)));
  const withFields = types.filter((t) => isObjectType(t) || isInterfaceType(t));
  const fields = withFields.flatMap((t) => Object.values(t.getFields()));
  return new Map([
    ['__Schema.types', types.length],
    // Not a list: one wrapped type or none (a named type's is null). A reference is at most [X!]!, so along
    // GraphiQL's chain of nine nested ofType each level is reached half as often as the one above, about.
    ['__Type.ofType', 0.5],
    ['__Schema.directives', schema.getDirectives().length],
    ['__Directive.locations', mean(schema.getDirectives().map((d) => d.locations.length))],
    ['__Directive.args', mean(schema.getDirectives().map((d) => d.args.length))],
    // Per type of any kind, as `types` lists them all: an enum's fields and an object's enum values count as none.
    [
      '__Type.fields',
      mean(types.map((t) => (isObjectType(t) || isInterfaceType(t) ? Object.keys(t.getFields()).length : 0))),
    ],
    ['__Field.args', mean(fields.map((f) => f.args.length))],
    [
      '__Type.interfaces',
      mean(types.map((t) => (isObjectType(t) || isInterfaceType(t) ? t.getInterfaces().length : 0))),
    ],
    ['__Type.possibleTypes', mean(types.map((t) => (isAbstractType(t) ? schema.getPossibleTypes(t).length : 0)))],
    ['__Type.enumValues', mean(types.map((t) => (isEnumType(t) ? t.getValues().length : 0)))],
    ['__Type.inputFields', mean(types.map((t) => (isInputObjectType(t) ? Object.keys(t.getFields()).length : 0)))],
  ]);
}

export interface CostModel {
  /**
   * The cost of running one operation of `document` with these variables, and how deep its introspection goes (the
   * most fields nested from `__schema` or `__type` down, themselves included; 0 without introspection).
   */
  cost(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): { cost: number; introspectionDepth: number };
}

export function costModel(schema: GraphQLSchema): CostModel {
  const sizes = introspectionSizes(schema);
  return {
    cost(document, operation, variables) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      const root = schema.getRootType(operation.operation);
      if (!root) return { cost: 0, introspectionDepth: 0 };
      let introspectionDepth = 0;

      /** How many items a field's answer holds for each of its parents: its `first`, else what lists it is. */
      const length = (
        parent: GraphQLCompositeType,
        field: GraphQLField<unknown, unknown>,
        args: readonly { name: { value: string }; value: ValueNode }[],
      ) => {
        const first = field.args.find((a) => a.name === 'first');
        if (first) {
          // A connection read backwards is as long as its `last`, so whichever of the two is larger counts.
          const values = ['first', 'last'].map((name) => {
            const given = args.find((a) => a.name.value === name)?.value;
            return given ? firstGiven(given, variables, operation) : undefined;
          });
          const asked = values.filter((v): v is number => typeof v === 'number' && v > 0);
          // Not given: the field's default, or the pages' own (search and the lists default to DEFAULT_PAGE). A
          // `first` the resolver will refuse is counted as the default: the resolver tells the client the range.
          return asked.length > 0 ? Math.max(...asked) : Number(first.defaultValue ?? DEFAULT_PAGE);
        }
        if (!isListType(getNullableType(field.type))) return sizes.get(`${parent.name}.${field.name}`) ?? 1;
        // A connection's edges are as many as the connection's `first`, already counted at the connection.
        if (parent.name.endsWith('Connection') && field.name === 'edges') return 1;
        return sizes.get(`${parent.name}.${field.name}`) ?? UNSTATED_LIST;
      };

      /** `depth` counts fields from the introspection root down, 0 outside introspection. */
      const walk = (
        set: SelectionSetNode,
        parent: GraphQLCompositeType,
        times: number,
        seen: Set<string>,
        depth: number,
      ): number => {
        let total = 0;
        for (const selection of set.selections) {
          if (selection.kind === Kind.FIELD) {
            const name = selection.name.value;
            // __typename is a value like any other: were it free, a list selecting only it would cost nothing
            // however many items it gave, and 500 of them under each of thousands of parents would be allowed.
            if (name === '__typename') {
              total += times;
              continue;
            }
            const definition = fieldDefinition(schema, parent, name);
            if (!definition) continue;
            total += times;
            const inIntrospection = depth > 0 || name === '__schema' || name === '__type' ? depth + 1 : 0;
            introspectionDepth = Math.max(introspectionDepth, inIntrospection);
            const child = getNamedType(definition.type);
            if (selection.selectionSet && isCompositeType(child))
              total += walk(
                selection.selectionSet,
                child,
                times * length(parent, definition, selection.arguments ?? []),
                seen,
                inIntrospection,
              );
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
            if (on && isCompositeType(on)) total += walk(selection.selectionSet, on, times, seen, depth);
          } else {
            const fragment = fragments.get(selection.name.value);
            // Validation has already refused cycles; `seen` only keeps a malformed document from looping here.
            if (!fragment || seen.has(fragment.name.value)) continue;
            const on = schema.getType(fragment.typeCondition.name.value);
            if (on && isCompositeType(on))
              total += walk(fragment.selectionSet, on, times, new Set([...seen, fragment.name.value]), depth);
          }
        }
        return total;
      };
      const cost = Math.ceil(walk(operation.selectionSet, root, 1, new Set(), 0));
      return { cost, introspectionDepth };
    },
  };
}

/** A field of a type, including the introspection fields every query type answers. */
function fieldDefinition(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === '__schema' || name === '__type') {
    const type = name === '__schema' ? schema.getType('__Schema') : schema.getType('__Type');
    return type ? ({ name, type, args: [] } as unknown as GraphQLField<unknown, unknown>) : undefined;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/** A `first` or `last` as the query gives it: a number, or a variable's value, or that variable's default in the operation. */
function firstGiven(node: ValueNode, variables: Record<string, unknown>, operation: OperationDefinitionNode): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind !== Kind.VARIABLE) return undefined;
  const name = node.name.value;
  if (variables[name] !== undefined && variables[name] !== null) return variables[name];
  const fallback = operation.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
  return fallback?.kind === Kind.INT ? Number(fallback.value) : undefined;
}
