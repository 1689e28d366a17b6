// Who may use the admin routes: admins only, found by the same accessOf() as /graphql, refused in the REST shape.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, isErrorCode } from '../../../schema/errors.js';
import { accessOf, type Access } from '../../graphql/access.js';
import type { OidcVerifier } from '../../graphql/oidc.js';
import type { Database } from '../../database/database.js';
import { sendError } from '../errors.js';

export interface AdminAccess {
  db: Database;
  adminToken: string | undefined;
  localToken?: string;
  oidc: OidcVerifier | undefined;
}

/** How an admin authenticates, said wherever one is refused. */
export const HOW_TO_AUTHENTICATE =
  'Send an admin key as "Authorization: Bearer <key>" (npm run keys -- create --role admin makes one), or the service\'s ADMIN_TOKEN.';

/**
 * The admin making the request, or undefined once the request has been refused: 401 without a key (or with one that
 * is unknown or revoked), 403 with a key of a lesser role.
 */
export async function adminOf(
  access: AdminAccess,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Access | undefined> {
  let found: Access;
  try {
    found = await accessOf(access.db, request.headers, access.adminToken, access.oidc, request.log, access.localToken);
  } catch (error) {
    // accessOf refuses in GraphQL's shape (an unknown key, a widget key from the wrong origin): same code, REST body.
    const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
    if (!isErrorCode(code)) throw error;
    await sendError(reply, code, `${(error as Error).message} ${HOW_TO_AUTHENTICATE}`);
    return undefined;
  }
  if (found.role === 'admin') return found;
  if (found.role === 'public') {
    await sendError(reply, ErrorCode.UNAUTHENTICATED, `The admin API needs an admin key. ${HOW_TO_AUTHENTICATE}`);
    return undefined;
  }
  await sendError(
    reply,
    ErrorCode.FORBIDDEN,
    `The admin API needs the admin role; this key is ${found.role}. ${HOW_TO_AUTHENTICATE}`,
  );
  return undefined;
}
