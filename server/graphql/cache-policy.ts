// Each answer's cache policy worked out once per operation, not per field: the Cache-Control header Apollo's own plugin gives.
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import {
  isInterfaceType,
  isObjectType,
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { collectFields } from 'graphql/execution/collectFields.js';
import { getVariableValues } from 'graphql/execution/values.js';

/**
 * Apollo's cache-control plugin works the policy out field by field: every field of every answer (a network's
 * thousands of members and links) goes through a wrapper Apollo puts on the schema's resolvers, a hook and a policy
 * object, 5-10% of the service's CPU on large answers. In a schema where no type or field carries a @cacheControl
 * hint and no resolver sets one, that walk always comes to the same thing: the default max-age as soon as one root
 * field other than __typename, __schema or __type is resolved (a root field always takes the default; the fields
 * below can only lower it with a hint), and nothing otherwise. So this plugin decides it from the operation's root
 * fields, as graphql-js collects them (fragments, @skip and @include with the request's variables), sets the same
 * header in the same cases as Apollo's plugin, and turns Apollo's off. A schema with hints keeps Apollo's own plugin.
 */
export function cachePolicyPlugins<C extends BaseContext>(
  schema: GraphQLSchema,
  defaultMaxAge: number,
): ApolloServerPlugin<C>[] {
  if (hasCacheHints(schema)) return [ApolloServerPluginCacheControl({ defaultMaxAge })];
  // Whether an operation without variables resolves a root field: the same every time, so worked out once.
  const known = new WeakMap<OperationDefinitionNode, boolean>();
  const policyPlugin: ApolloServerPlugin<C> = {
    async requestDidStart() {
      return {
        async executionDidStart({ document, operation, overallCachePolicy, request, schema: running }) {
          let resolves = known.get(operation);
          if (resolves === undefined) {
            resolves = resolvesRootField(running, document, operation, request.variables ?? {});
            if (!operation.variableDefinitions?.length) known.set(operation, resolves);
          }
          if (resolves) overallCachePolicy.restrict({ maxAge: defaultMaxAge });
        },
        async willSendResponse(requestContext) {
          setCacheControlHeader(requestContext);
        },
      };
    },
  };
  return [ApolloServerPluginCacheControlDisabled() as ApolloServerPlugin<C>, policyPlugin];
}

/** Whether any type or field of the schema carries a @cacheControl directive. */
function hasCacheHints(schema: GraphQLSchema): boolean {
  const hinted = (node: { readonly directives?: readonly ConstDirectiveNode[] } | null | undefined) =>
    node?.directives?.some((directive) => directive.name.value === 'cacheControl') ?? false;
  return Object.values(schema.getTypeMap()).some(
    (type) =>
      hinted(type.astNode) ||
      type.extensionASTNodes.some(hinted) ||
      ((isObjectType(type) || isInterfaceType(type)) &&
        Object.values(type.getFields()).some((field) => hinted(field.astNode))),
  );
}

/** Whether executing the operation calls a root field's resolver: a field graphql-js collects that is not a meta field. */
function resolvesRootField(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): boolean {
  const root = schema.getRootType(operation.operation);
  if (!root) return false;
  // Variables that do not fit their definitions stop execution before any field resolves.
  const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  if (!coerced) return false;
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const fields = collectFields(schema, fragments, coerced, root, operation.selectionSet);
  for (const name of fields.keys()) {
    const field = fields.get(name)?.[0];
    if (field && !field.name.value.startsWith('__')) return true;
  }
  return false;
}

/** The header as Apollo's cache-control plugin sets it (its willSendResponse, with calculateHttpHeaders on). */
function setCacheControlHeader(requestContext: GraphQLRequestContextWillSendResponse<BaseContext>): void {
  const { response, overallCachePolicy } = requestContext;
  const existing = parseCacheControl(response.http.headers.get('cache-control'));
  if (existing.kind === 'unparsable') return;
  const policy = { maxAge: overallCachePolicy.maxAge, scope: overallCachePolicy.scope };
  if (existing.kind === 'cacheable') {
    if (policy.maxAge === undefined || existing.maxAge < policy.maxAge) policy.maxAge = existing.maxAge;
    if (policy.scope !== 'PRIVATE') policy.scope = existing.scope;
  }
  const cacheable =
    policy.maxAge !== undefined &&
    policy.maxAge !== 0 &&
    existing.kind !== 'uncacheable' &&
    response.body.kind === 'single' &&
    !response.body.singleResult.errors;
  response.http.headers.set(
    'cache-control',
    cacheable ? `max-age=${policy.maxAge}, ${(policy.scope ?? 'PUBLIC').toLowerCase()}` : UNCACHEABLE,
  );
}

const UNCACHEABLE = 'no-store';
const CACHEABLE = /^max-age=(\d+), (public|private)$/;

type ExistingHeader =
  | { kind: 'none' | 'uncacheable' | 'unparsable' }
  | { kind: 'cacheable'; maxAge: number; scope: 'PUBLIC' | 'PRIVATE' };

function parseCacheControl(header: string | undefined): ExistingHeader {
  if (!header) return { kind: 'none' };
  if (header === UNCACHEABLE) return { kind: 'uncacheable' };
  const match = CACHEABLE.exec(header);
  if (!match) return { kind: 'unparsable' };
  return { kind: 'cacheable', maxAge: Number(match[1]), scope: match[2] === 'public' ? 'PUBLIC' : 'PRIVATE' };
}
