// An unknown enum value, written in the query or sent in its variables, told as BAD_USER_INPUT naming the argument,
// the value and the values allowed, instead of GraphQL's own wording.
import {
  type ASTNode,
  type ASTVisitor,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  Kind,
  print,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { ErrorCode } from '../../schema/errors.js';

/** Where a value sits: the field and the argument, with the input fields inside it (orderBy.field). */
interface Place {
  field?: string;
  argument: string;
}

/** An enum literal GraphQL's own validation will refuse, found by this rule in the same pass. */
interface BadLiteral extends Place {
  value: string;
  enumName: string;
  allowed: string[];
}

/** A variable's uses, for its value to be named by the arguments it is passed to once the variables are read. */
interface VariableUses {
  schema: GraphQLSchema;
  places: Place[];
}

/**
 * Kept beside the parsed document, whose nodes are the keys: a document Apollo has validated once is reused as it is
 * (its document cache), so what this rule learned about it holds for every later request with the same text.
 */
const badLiterals = new WeakMap<ASTNode, BadLiteral>();
const variableUses = new WeakMap<ASTNode, VariableUses>();

/** The field and argument (with input fields: orderBy.field) a value node sits in, from its ancestors. */
function placeOf(ancestors: readonly (ASTNode | readonly ASTNode[])[]): Place | undefined {
  let field: string | undefined;
  const names: string[] = [];
  for (const ancestor of ancestors) {
    if (Array.isArray(ancestor)) continue;
    const node = ancestor as ASTNode;
    if (node.kind === Kind.FIELD) {
      field = node.name.value;
      names.length = 0;
    } else if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.push(node.name.value);
    else if (node.kind === Kind.DIRECTIVE) return undefined;
  }
  return names.length > 0 ? { field, argument: names.join('.') } : undefined;
}

/**
 * A validation rule that reports nothing itself: it notes each enum value GraphQL's ValuesOfCorrectTypeRule will
 * refuse (an unknown name, or a quoted string where a bare name belongs) and where each variable is used, so that
 * formatError can say which argument was at fault and what it takes.
 */
export function enumValuesNamed(context: ValidationContext): ASTVisitor {
  const check = (node: ValueNode, ancestors: readonly (ASTNode | readonly ASTNode[])[]) => {
    const type = getNamedType(context.getInputType());
    if (!isEnumType(type) || (node.kind === Kind.ENUM && type.getValue(node.value))) return;
    const place = placeOf(ancestors);
    if (!place) return;
    badLiterals.set(node, {
      ...place,
      value: print(node),
      enumName: type.name,
      allowed: type.getValues().map((v) => v.name),
    });
  };
  const uses = new Map<string, Place[]>();
  return {
    // A visitor's ancestors stop short of its parent, which may be the argument itself.
    EnumValue: (node, _key, parent, _path, ancestors) => check(node, [...ancestors, parent ?? []]),
    StringValue: (node, _key, parent, _path, ancestors) => check(node, [...ancestors, parent ?? []]),
    IntValue: (node, _key, parent, _path, ancestors) => check(node, [...ancestors, parent ?? []]),
    Variable: (node, _key, parent, _path, ancestors) => {
      const place = placeOf([...ancestors, parent ?? []]);
      if (place) uses.set(node.name.value, [...(uses.get(node.name.value) ?? []), place]);
    },
    OperationDefinition: {
      enter: () => uses.clear(),
      leave: (operation) => {
        for (const definition of operation.variableDefinitions ?? [])
          variableUses.set(definition, {
            schema: context.getSchema(),
            places: uses.get(definition.variable.name.value) ?? [],
          });
      },
    },
  };
}

const describePlace = (place: Place) => `${place.argument}${place.field ? ` of ${place.field}` : ''}`;

/** The nodes an error is about, through the errors it wraps (Apollo's ValidationError, UserInputError). */
function nodesOf(error: unknown): readonly ASTNode[] {
  let current = error;
  while (current && typeof current === 'object') {
    const nodes = (current as { nodes?: readonly ASTNode[] }).nodes;
    if (nodes && nodes.length > 0) return nodes;
    current = (current as { originalError?: unknown }).originalError;
  }
  return [];
}

/** GraphQL's words for an enum value it cannot read, from a variable: the enum's name and the value. */
const VARIABLE_ENUM =
  /^Variable "\$(\w+)" got invalid value (.+?)(?: at "[^"]*")?; (?:Value .+ does not exist in "(\w+)" enum|Enum "(\w+)" cannot represent)/;

/**
 * The error a client should see for an unknown enum value, or undefined for any other error: BAD_USER_INPUT with the
 * argument, the value and the values allowed in its message and its extensions.
 */
export function enumValueError(error: unknown): GraphQLError | undefined {
  const node = nodesOf(error)[0];
  if (!node) return undefined;
  const literal = badLiterals.get(node);
  if (literal) {
    const { argument, value, enumName, allowed } = literal;
    const quoted = value.startsWith('"') ? ' (without quotes)' : '';
    return new GraphQLError(
      `${describePlace(literal)} is ${value}, not a value of ${enumName}: give one of ${allowed.join(', ')}${quoted}.`,
      { extensions: { code: ErrorCode.BAD_USER_INPUT, argument, value, allowed } },
    );
  }
  const uses = variableUses.get(node);
  const message = (error as { message?: unknown }).message;
  const match = uses && typeof message === 'string' ? VARIABLE_ENUM.exec(message) : null;
  if (!uses || !match) return undefined;
  const [, variable, value, named, represented] = match;
  const type = uses.schema.getType(named ?? represented ?? '');
  if (!isEnumType(type)) return undefined;
  const allowed = type.getValues().map((v) => v.name);
  const where = uses.places.length > 0 ? ` (${uses.places.map(describePlace).join('; ')})` : '';
  const at = /^[^;]* at "([^"]*)";/.exec(String(message))?.[1];
  return new GraphQLError(
    `$${variable}${at ? ` at ${at}` : ''}${where} is ${value}, not a value of ${type.name}: give one of ${allowed.join(', ')}.`,
    {
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        argument: uses.places[0]?.argument ?? `$${variable}`,
        variable,
        value: value!.replace(/^"|"$/g, ''),
        allowed,
      },
    },
  );
}
