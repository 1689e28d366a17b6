// Who may see and do what: roles from API keys (or the bootstrap ADMIN_TOKEN), and the one table of field rules.
import { createHash, timingSafeEqual } from 'node:crypto';
import { defaultFieldResolver, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { PROPERTY_VISIBILITY } from '../../schema/model.js';
import { ErrorCode } from '../../schema/errors.js';
import { outranksOrEquals, type Role } from '../../schema/roles.js';
import { keyForSecret, type ApiKey } from '../database/api-keys.js';
import type { Database } from '../database/database.js';
import type { Context } from './context.js';
import { graphqlError, refusedRequest } from './errors.js';
import { looksLikeJwt, type OidcVerifier } from './oidc.js';

/**
 * The rules, in one place: what each role may read or do beyond what the public sees. A rule names a type and
 * field ("Person.email") or every field of a type ("Mutation.*"). Everything not listed is public.
 */
export const FIELD_RULES: Readonly<Record<string, Role>> = {
  // The properties the model declares private (people's contact details).
  ...PROPERTY_VISIBILITY,
  'Query.shortestPath': 'analyst',
  'Query.mostConnected': 'analyst',
  'Query.coverageGaps': 'analyst',
  'Query.history': 'admin',
  'Query.imports': 'admin',
  'Mutation.*': 'admin',
};

export function requiredRole(type: string, field: string): Role {
  return FIELD_RULES[`${type}.${field}`] ?? FIELD_RULES[`${type}.*`] ?? 'public';
}

/**
 * Refuses a field whose role ranks below what it needs, saying which key it needs and how to send it. Only the field
 * is refused (the answer's other fields stand), so the error carries no HTTP status and the response stays 200.
 */
function check(needed: Role, context: Context, type: string, field: string): void {
  if (outranksOrEquals(context.role, needed)) return;
  throw context.role === 'public'
    ? graphqlError(
        ErrorCode.UNAUTHENTICATED,
        `${type}.${field} needs an ${needed} key: send it as "Authorization: Bearer <key>".`,
      )
    : graphqlError(ErrorCode.FORBIDDEN, `${type}.${field} needs the ${needed} role; this key is ${context.role}.`);
}

/**
 * Puts FIELD_RULES into the schema: each field a rule names checks the role before it resolves. Only those fields
 * are wrapped, so the thousands of plain fields of a large answer resolve as graphql-js does, without a middleware's
 * promises each. A rule naming a type or field the schema lacks stops the service from starting: a misspelt rule
 * must never leave a field open.
 */
export function applyFieldRules(schema: GraphQLSchema, rules: Readonly<Record<string, Role>> = FIELD_RULES): void {
  for (const [rule, needed] of Object.entries(rules)) {
    const [typeName = '', fieldName = ''] = rule.split('.');
    const type = schema.getType(typeName);
    if (!isObjectType(type))
      throw new Error(`FIELD_RULES has "${rule}", but the schema has no object type ${typeName}.`);
    const fields: GraphQLField<unknown, Context>[] =
      fieldName === '*'
        ? Object.values(type.getFields())
        : [type.getFields()[fieldName]].filter((f) => f !== undefined);
    if (fields.length === 0) throw new Error(`FIELD_RULES has "${rule}", but ${typeName} has no field ${fieldName}.`);
    for (const field of fields) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (root, args, context, info) => {
        check(needed, context, typeName, field.name);
        return resolve(root, args, context, info);
      };
    }
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The secret a request presents: an x-api-key header, or a bearer token. */
export function presentedSecret(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = headers.authorization;
  return typeof authorization === 'string' && authorization.startsWith('Bearer ')
    ? authorization.slice('Bearer '.length)
    : undefined;
}

/** Keys looked up in the last 30 seconds, so most requests cost no extra database round trip; revocation takes effect within that. */
const cache = new Map<string, { key: ApiKey | undefined; until: number }>();

/**
 * The role of a request. No secret: public. The bootstrap ADMIN_TOKEN: admin (compared in constant time). A signed
 * token from the configured identity provider: its role claim. Otherwise the secret must be a live API key, used from one of its origins when it has any; a wrong key is refused, not
 * quietly treated as public, so a misconfigured widget fails loudly.
 */
export async function roleOf(
  db: Database,
  headers: Record<string, string | string[] | undefined>,
  adminToken: string | undefined,
  oidc?: OidcVerifier,
): Promise<Role> {
  const secret = presentedSecret(headers);
  if (secret === undefined) return 'public';
  if (adminToken && timingSafeEqual(digest(secret), digest(adminToken))) return 'admin';
  if (oidc && looksLikeJwt(secret)) return oidc(secret);
  const cached = cache.get(secret);
  const key = cached && cached.until > Date.now() ? cached.key : await keyForSecret(db, secret);
  if (!cached || cached.until <= Date.now()) cache.set(secret, { key, until: Date.now() + 30_000 });
  if (!key)
    throw refusedRequest(
      ErrorCode.UNAUTHENTICATED,
      'This API key is not known or has been revoked: ask an admin for a key.',
    );
  const origin = headers.origin;
  if (key.origins.length > 0 && typeof origin === 'string' && !key.origins.includes(origin)) {
    throw refusedRequest(
      ErrorCode.FORBIDDEN,
      `This key may only be used from ${key.origins.join(', ')}, not ${origin}.`,
    );
  }
  return key.role;
}

/** Forgets cached keys, for tests and after revoking. */
export function forgetKeys(): void {
  cache.clear();
}
