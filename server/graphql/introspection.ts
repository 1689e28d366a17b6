// Introspection by role: analysts and admins may always read the schema (their console needs it); the public only
// where the service allows it (GRAPHQL_INTROSPECTION, on by default outside production).
import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, NoSchemaIntrospectionCustomRule, validate } from 'graphql';
import { ErrorCode, errorStatus } from '../../schema/errors.js';
import { outranksOrEquals } from '../../schema/roles.js';
import type { Context } from './context.js';

/**
 * Refuses __schema and __type to a request below the analyst role unless `forPublic`, before anything runs, with
 * 400 and GRAPHQL_VALIDATION_FAILED as Apollo's own switch would. Apollo's switch is one setting for every caller,
 * checked before the request's role is known, so it stays on and this plugin decides per request. __typename is not
 * introspection: widgets ask for it.
 */
export function introspectionByRole(forPublic: boolean): ApolloServerPlugin<Context> {
  // Apollo hands a repeated query the same parsed document, so whether it introspects is worked out once per document
  // rather than by a validation pass on every public request.
  const introspects = new WeakMap<DocumentNode, boolean>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, schema }) {
          if (forPublic || outranksOrEquals(contextValue.role, 'analyst')) return;
          let refused = introspects.get(document);
          if (refused === undefined) {
            refused = validate(schema, document, [NoSchemaIntrospectionCustomRule]).length > 0;
            introspects.set(document, refused);
          }
          if (!refused) return;
          const code = ErrorCode.GRAPHQL_VALIDATION_FAILED;
          throw new GraphQLError(
            'Introspection (__schema, __type) is for analyst and admin keys here: send one as "Authorization: Bearer <key>" (the console at /graphiql signs in with it), or read the published schema.graphql.',
            { extensions: { code, http: { status: errorStatus(code) } } },
          );
        },
      };
    },
  };
}
