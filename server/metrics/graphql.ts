// Counts GraphQL operations by type and name, and the error codes their answers carry, as clients see them.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { graphqlErrors, graphqlOperations } from './registry.js';
import { type CounterSeries, counterSeries } from './series.js';

/** Names are the client's choice: a bounded set of them is counted by name, any beyond it as `other`. */
const MOST_NAMES = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const seen = new Set<string>();

function nameLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!NAME.test(name)) return 'other';
  if (seen.has(name)) return name;
  if (seen.size >= MOST_NAMES) return 'other';
  seen.add(name);
  return name;
}

/** Counts one operation a client asked for, by its type and (a bounded set of) names. */
export function countOperation(type: string, name: string | null | undefined): void {
  graphqlOperations.inc({ type, name: nameLabel(name) });
}

/** The series countOperation would bump for this operation, for a caller that counts the same operation often. */
export function operationSeries(type: string, name: string | null | undefined): CounterSeries {
  return counterSeries(graphqlOperations, { type, name: nameLabel(name) });
}

export function graphqlMetrics<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          countOperation(operation.operation, operationName ?? operation.name?.value);
        },
        // The answer's own errors, after formatError: the codes counted are the ones clients branch on.
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? [])
            graphqlErrors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        },
      };
    },
  };
}
