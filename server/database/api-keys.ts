// API keys: random secrets shown once, stored only as SHA-256 hashes, each scoped to a role and (for widgets) origins.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { API_KEY_LABEL } from '../../schema/migrations.js';
import { ROLES, type Role } from '../../schema/roles.js';
import type { Database } from './database.js';

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  /** The first characters of the secret, so people can tell keys apart without it. */
  prefix: string;
  /** For widget keys (public ones only): the only page origins that may use the key. Empty means any. */
  origins: string[];
  createdAt: string;
  revokedAt?: string;
}

/** Requests a key made on one day (UTC), as counted by the services that answered them. */
export interface DailyUsage {
  day: string;
  requests: number;
}

/** A key's secret carries 256 random bits, so a fast hash is enough: there is nothing to guess from it. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** 32 random bytes in base64url are 43 characters; createKey makes every secret this shape. */
const SECRET_SHAPE = new RegExp(`^ph_(?:${ROLES.join('|')})_[A-Za-z0-9_-]{43}$`);

/** Whether `secret` could be one of ours; anything else is refused without asking the database. */
export const looksLikeSecret = (secret: string): boolean => SECRET_SHAPE.test(secret);

/** Days of usage kept on each key: enough for a month's report, small enough that a key stays one small node. */
export const USAGE_DAYS_KEPT = 35;

/** An origin is a scheme and host (and port) only: what a browser sends in its Origin header, nothing more. */
const ORIGIN = /^https?:\/\/[^/\s?#@]+$/;

/** What is wrong with a key an admin asks for, naming the argument at fault, or undefined when nothing is. */
export function newKeyProblem(
  role: string,
  name: string,
  origins: readonly string[],
): { argument: 'role' | 'name' | 'origins'; message: string } | undefined {
  if (!(ROLES as readonly string[]).includes(role))
    return { argument: 'role', message: `"${role.slice(0, 40)}" is not a role: use one of ${ROLES.join(', ')}.` };
  if (name.trim() === '')
    return {
      argument: 'name',
      message: 'A key needs a name saying who holds it and what for, such as "Barnet council website".',
    };
  const bad = origins.filter((o) => !ORIGIN.test(o) || !URL.canParse(o) || new URL(o).origin !== o.toLowerCase());
  if (bad.length > 0)
    return {
      argument: 'origins',
      message: `Not an origin: ${bad.map((o) => o.slice(0, 80)).join(', ')}. Give scheme and host only, such as https://www.barnet.gov.uk`,
    };
  if (origins.length > 0 && role !== 'public')
    return {
      argument: 'origins',
      message: `Origins are only for public (widget) keys: an ${role} key must never be put in a web page, where anyone can read it. Leave out the origins, or make a public key.`,
    };
  return undefined;
}

export async function createKey(
  db: Database,
  name: string,
  role: Role,
  origins: readonly string[],
): Promise<{ key: ApiKey; secret: string }> {
  // An origin only narrows where a browser may use a key, and a page's source is public: an analyst or admin key
  // on a web page would be everyone's. Such keys belong on servers and in the console, never behind an origin.
  if (origins.length > 0 && role !== 'public')
    throw new Error(`Origins are only for public (widget) keys; an ${role} key must not be put in a web page.`);
  const secret = `ph_${role}_${randomBytes(32).toString('base64url')}`;
  const key: ApiKey = {
    id: randomUUID(),
    name,
    role,
    prefix: secret.slice(0, 14),
    origins: [...origins],
    createdAt: new Date().toISOString(),
  };
  await db.run(`CREATE (k:${API_KEY_LABEL}) SET k = $key, k.hash = $hash`, { key, hash: hashSecret(secret) }, 'WRITE');
  return { key, secret };
}

/** A key as admins see it, with its daily usage: never its hash. */
const KEY_WITH_USAGE = `k {.id, .name, .role, .prefix, .origins, .createdAt, .revokedAt,
  usage: [i IN range(0, size(coalesce(k.usageDays, [])) - 1) | {day: k.usageDays[i], requests: k.usageCounts[i]}]} AS key`;

export async function listKeys(db: Database): Promise<(ApiKey & { usage: DailyUsage[] })[]> {
  const result = await db.run(`MATCH (k:${API_KEY_LABEL}) RETURN ${KEY_WITH_USAGE} ORDER BY k.createdAt`);
  return result.records.map((r) => r.get('key') as ApiKey & { usage: DailyUsage[] });
}

/**
 * Revokes the live key with this id; returns how many were revoked (0 or 1). Only by id: a secret, or its prefix,
 * is never typed into a terminal or a ticket to revoke it.
 */
export async function revokeKey(db: Database, id: string): Promise<number> {
  const result = await db.run(
    `MATCH (k:${API_KEY_LABEL} {id: $id}) WHERE k.revokedAt IS NULL SET k.revokedAt = $now RETURN count(k) AS n`,
    { id, now: new Date().toISOString() },
    'WRITE',
  );
  return Number(result.records[0]?.get('n') ?? 0);
}

/** One key, live or revoked, as list shows it; undefined when no key has this id. */
export async function keyById(db: Database, id: string): Promise<(ApiKey & { usage: DailyUsage[] }) | undefined> {
  const result = await db.run(`MATCH (k:${API_KEY_LABEL} {id: $id}) RETURN ${KEY_WITH_USAGE}`, { id });
  return result.records[0]?.get('key') as (ApiKey & { usage: DailyUsage[] }) | undefined;
}

/** The live key whose secret has this hash, if any. */
export async function keyForHash(db: Database, hash: string): Promise<ApiKey | undefined> {
  const result = await db.run(
    `MATCH (k:${API_KEY_LABEL} {hash: $hash}) WHERE k.revokedAt IS NULL RETURN k {.id, .name, .role, .prefix, .origins, .createdAt} AS key`,
    { hash },
  );
  return result.records[0]?.get('key') as ApiKey | undefined;
}

/** The live key whose secret this is, if any. */
export const keyForSecret = (db: Database, secret: string): Promise<ApiKey | undefined> =>
  keyForHash(db, hashSecret(secret));

/** Whether any live admin key exists, so the bootstrap ADMIN_TOKEN is no longer needed. */
export async function hasLiveAdminKey(db: Database): Promise<boolean> {
  const result = await db.run(
    `MATCH (k:${API_KEY_LABEL} {role: 'admin'}) WHERE k.revokedAt IS NULL RETURN count(k) > 0 AS any`,
  );
  return result.records[0]?.get('any') === true;
}

/**
 * Adds requests to keys' daily counts, kept as two parallel lists on the key (Neo4j properties cannot hold maps),
 * the newest USAGE_DAYS_KEPT days only. The key is locked before it is read, so instances adding at once lose nothing.
 */
export async function addUsage(db: Database, counts: readonly { id: string; day: string; requests: number }[]) {
  if (counts.length === 0) return;
  await db.run(
    `UNWIND $counts AS count
     MATCH (k:${API_KEY_LABEL} {id: count.id})
     SET k.usageLock = true
     WITH k, count, coalesce(k.usageDays, []) AS days, coalesce(k.usageCounts, []) AS requests
     WITH k, count, days, requests, [i IN range(0, size(days) - 1) WHERE days[i] = count.day] AS at
     WITH k, CASE WHEN size(at) = 0 THEN days + count.day ELSE days END AS days,
          CASE WHEN size(at) = 0 THEN requests + count.requests
               ELSE [i IN range(0, size(requests) - 1) | requests[i] + CASE WHEN i = at[0] THEN count.requests ELSE 0 END]
          END AS requests
     WITH k, days, requests, size(days) - $kept AS excess
     SET k.usageDays = CASE WHEN excess > 0 THEN days[excess..] ELSE days END,
         k.usageCounts = CASE WHEN excess > 0 THEN requests[excess..] ELSE requests END
     REMOVE k.usageLock`,
    { counts: [...counts], kept: USAGE_DAYS_KEPT },
    'WRITE',
  );
}

/** Every page origin some live widget key allows: the origins browsers may send a key from. */
export async function allowedOrigins(db: Database): Promise<Set<string>> {
  const result = await db.run(
    `MATCH (k:${API_KEY_LABEL}) WHERE k.revokedAt IS NULL UNWIND coalesce(k.origins, []) AS origin RETURN collect(DISTINCT origin) AS origins`,
  );
  return new Set((result.records[0]?.get('origins') ?? []) as string[]);
}
