// The error codes a widget or a plain page can meet: the service's catalogue (Apollo Server's own codes included),
// and the few the widgets' client gives a failure that brought no answer from the service to name it.
import type { ErrorCode } from '../schema/errors.js';

export type { ErrorCode } from '../schema/errors.js';

/**
 * Failures the service did not describe: NETWORK when no answer came at all; an answer that was not the service's
 * JSON (a proxy's error page) as HTTP_ and its status, or BAD_RESPONSE when its status was a success; GRAPHQL_ERROR
 * for a GraphQL error without a code.
 */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE' | 'GRAPHQL_ERROR' | `HTTP_${number}`;

/** Why a request to the service failed (HubError's code): a code the service sent, or one of the client's own. */
export type HubErrorCode = ErrorCode | ClientErrorCode;

/**
 * What a widget's `ph-error` event says went wrong: a request's failure, a widget placed without an attribute it
 * needs (CONFIGURATION), or a fault in the widget itself (UNEXPECTED).
 */
export type WidgetErrorCode = HubErrorCode | 'CONFIGURATION' | 'UNEXPECTED';
