// Who may see and do what: roles from API keys (or the bootstrap ADMIN_TOKEN), and the one table of field rules.
import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeJwt } from 'jose';
import { defaultFieldResolver, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { PROPERTY_VISIBILITY } from '../../schema/model.js';
import { ErrorCode } from '../../schema/errors.js';
import { outranksOrEquals, type Role } from '../../schema/roles.js';
import { hashSecret, keyForHash, looksLikeSecret, type ApiKey } from '../database/api-keys.js';
import type { Database } from '../database/database.js';
import type { Context } from './context.js';
import { graphqlError, refusedRequest } from './errors.js';
import { KeyCache } from './key-cache.js';
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
  'Query.communities': 'analyst',
  'Query.programmeAsOf': 'analyst',
  'Query.networkAsOf': 'analyst',
  // Entries carry who made each change and records' values, people's contact details among them, as history does.
  'Query.changesBetween': 'admin',
  'Query.history': 'admin',
  'Query.imports': 'admin',
  'Query.apiKeys': 'admin',
  'Query.recordLinks': 'admin',
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

/** Keys looked up recently, bounded (server/graphql/key-cache.ts), so most requests cost no extra database round trip. */
const keys = new KeyCache();

/** The live key a secret names, if it is known without asking the database: null when it is known not to be one. */
export function cachedKeyFor(secret: string): ApiKey | null | undefined {
  return looksLikeSecret(secret) ? keys.get(hashSecret(secret)) : null;
}

/**
 * The live key a secret names, or undefined. A secret not shaped like ours is not a key and costs no query; a
 * looked-up miss is remembered only briefly and in a small set, so made-up secrets cannot fill the memory.
 */
export async function keyFor(db: Database, secret: string): Promise<ApiKey | undefined> {
  const cached = cachedKeyFor(secret);
  if (cached !== undefined) return cached ?? undefined;
  const hash = hashSecret(secret);
  const key = await keyForHash(db, hash);
  keys.remember(hash, key);
  return key;
}

/** Where the bootstrap token's uses are logged: each one, with the request's id and address but never the token. */
export interface AccessLog {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * Who is asking, as the audit trail names them: an API key by its name and id, a sign-in token by its subject, the
 * bootstrap ADMIN_TOKEN as "bootstrap token", and nobody in particular as "public".
 */
export interface Access {
  role: Role;
  principal: string;
}

/** The role of a request, as `accessOf` finds it. */
export async function roleOf(
  db: Database,
  headers: Record<string, string | string[] | undefined>,
  adminToken: string | undefined,
  oidc?: OidcVerifier,
  log?: AccessLog,
): Promise<Role> {
  return (await accessOf(db, headers, adminToken, oidc, log)).role;
}

/** The subject of a sign-in token that has been verified already: it names the person the provider signed in. */
function subjectOf(token: string): string {
  const { sub } = decodeJwt(token);
  return typeof sub === 'string' && sub !== '' ? `OIDC subject ${sub}` : 'OIDC subject (none given)';
}

/**
 * The role and principal of a request. No secret: public. The bootstrap ADMIN_TOKEN: admin (compared in constant
 * time, and logged). A signed token from the configured identity provider: its role claim. Otherwise the secret must
 * be a live API key, used from one of its origins when it has any; a wrong key is refused, not quietly treated as
 * public, so a misconfigured widget fails loudly.
 */
export async function accessOf(
  db: Database,
  headers: Record<string, string | string[] | undefined>,
  adminToken: string | undefined,
  oidc?: OidcVerifier,
  log?: AccessLog,
  localToken?: string,
): Promise<Access> {
  const secret = presentedSecret(headers);
  if (secret === undefined) return { role: 'public', principal: 'public' };
  // The token a service on the embedded default leaves in DATA_DIR for the command lines of its own machine and user.
  if (localToken && timingSafeEqual(digest(secret), digest(localToken)))
    return { role: 'admin', principal: 'local token' };
  if (adminToken && timingSafeEqual(digest(secret), digest(adminToken))) {
    // The token is for the first admin key only; each use is logged so that one still in use after that is noticed.
    log?.warn({ bootstrapToken: true }, 'the bootstrap ADMIN_TOKEN was used: issue admin keys and unset it');
    return { role: 'admin', principal: 'bootstrap token' };
  }
  if (oidc && looksLikeJwt(secret)) return { role: await oidc(secret), principal: subjectOf(secret) };
  const key = await keyFor(db, secret);
  if (!key)
    throw refusedRequest(
      ErrorCode.UNAUTHENTICATED,
      'This API key is not known or has been revoked: ask an admin for a key, or send no key for public reads.',
    );
  const origin = headers.origin;
  if (key.origins.length > 0 && typeof origin === 'string' && !key.origins.includes(origin)) {
    throw refusedRequest(
      ErrorCode.FORBIDDEN,
      `This key may only be used from ${key.origins.join(', ')}, not ${origin}.`,
    );
  }
  return { role: key.role, principal: `key "${key.name}" (${key.id})` };
}

/** How many lookups the key cache holds, and the most it ever may: for tests and the memory report. */
export function keyCacheSize(): { size: number; bound: number } {
  return { size: keys.size, bound: keys.bound };
}

/** Forgets cached keys, for tests and after revoking. */
export function forgetKeys(): void {
  keys.clear();
}
