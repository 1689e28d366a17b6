// Who may see and do what: roles from API keys (or the bootstrap ADMIN_TOKEN), and the one table of field rules.
import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { ErrorCode } from '../errors.js';
import { keyForSecret, ROLES, type ApiKey, type Role } from '../graph/api-keys.js';
import type { Database } from '../neo4j/database.js';
import type { Context } from './context.js';
import { looksLikeJwt, type OidcVerifier } from './oidc.js';

export type { Role };

/**
 * The rules, in one place: what each role may read or do beyond what the public sees. A rule names a type and
 * field ("Person.email") or every field of a type ("Mutation.*"). Everything not listed is public.
 */
export const FIELD_RULES: Readonly<Record<string, Role>> = {
  'Person.email': 'analyst',
  'Person.phone': 'analyst',
  'Query.shortestPath': 'analyst',
  'Query.mostConnected': 'analyst',
  'Query.coverageGaps': 'analyst',
  'Query.history': 'admin',
  'Query.imports': 'admin',
  'Mutation.*': 'admin',
};

const rank = (role: Role) => ROLES.indexOf(role);

export function requiredRole(type: string, field: string): Role {
  return FIELD_RULES[`${type}.${field}`] ?? FIELD_RULES[`${type}.*`] ?? 'public';
}

/** Applies FIELD_RULES to every field the schema resolves, so no resolver can forget a check. */
export const enforceAccess: MiddlewareFn<Context> = async ({ info, context }, next) => {
  const needed = requiredRole(info.parentType.name, info.fieldName);
  if (rank(context.role) < rank(needed)) {
    const anonymous = context.role === 'public';
    throw new GraphQLError(
      anonymous
        ? `${info.parentType.name}.${info.fieldName} needs an ${needed} key: send it as "Authorization: Bearer <key>".`
        : `${info.parentType.name}.${info.fieldName} needs the ${needed} role; this key is ${context.role}.`,
      { extensions: { code: anonymous ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN } },
    );
  }
  return next();
};

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The secret a request presents: an x-api-key header, or a bearer token. */
export function presentedSecret(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = headers.authorization;
  return typeof authorization === 'string' && authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined;
}

/** Keys looked up in the last 30 seconds, so most requests cost no extra database round trip; revocation takes effect within that. */
const cache = new Map<string, { key: ApiKey | undefined; until: number }>();

function reject(code: ErrorCode, message: string, status: number): never {
  throw new GraphQLError(message, { extensions: { code, http: { status } } });
}

/**
 * The role of a request. No secret: public. The bootstrap ADMIN_TOKEN: admin (compared in constant time). A signed
 * token from the configured identity provider: its role claim. Otherwise the secret must be a live API key, used from one of its origins when it has any; a wrong key is refused, not
 * quietly treated as public, so a misconfigured widget fails loudly.
 */
export async function roleOf(db: Database, headers: Record<string, string | string[] | undefined>, adminToken: string | undefined, oidc?: OidcVerifier): Promise<Role> {
  const secret = presentedSecret(headers);
  if (secret === undefined) return 'public';
  if (adminToken && timingSafeEqual(digest(secret), digest(adminToken))) return 'admin';
  if (oidc && looksLikeJwt(secret)) return oidc(secret);
  const cached = cache.get(secret);
  const key = cached && cached.until > Date.now() ? cached.key : await keyForSecret(db, secret);
  if (!cached || cached.until <= Date.now()) cache.set(secret, { key, until: Date.now() + 30_000 });
  if (!key) reject(ErrorCode.UNAUTHENTICATED, 'This API key is not known or has been revoked: ask an admin for a key.', 401);
  const origin = headers.origin;
  if (key.origins.length > 0 && typeof origin === 'string' && !key.origins.includes(origin)) {
    reject(ErrorCode.FORBIDDEN, `This key may only be used from ${key.origins.join(', ')}, not ${origin}.`, 403);
  }
  return key.role;
}

/** Forgets cached keys, for tests and after revoking. */
export function forgetKeys(): void {
  cache.clear();
}
