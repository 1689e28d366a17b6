// Who may do what. For now: the public reads, and a bearer token from ADMIN_TOKEN unlocks the admin mutations.
import { createHash, timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '../errors.js';
import type { Context } from './context.js';
import { clientError } from './resolvers/support.js';

export type Role = 'public' | 'admin';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests in constant time, so response timing says nothing about how much of a guess was right. */
export function roleOf(authorization: string | undefined, adminToken: string | undefined): Role {
  if (!adminToken || !authorization?.startsWith('Bearer ')) return 'public';
  return timingSafeEqual(digest(authorization.slice('Bearer '.length)), digest(adminToken)) ? 'admin' : 'public';
}

export function requireAdmin(ctx: Context): void {
  if (ctx.role !== 'admin') {
    throw clientError(ErrorCode.FORBIDDEN, 'Only admins may change the graph: send the admin token as "Authorization: Bearer <token>".');
  }
}
