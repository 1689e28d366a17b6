// API keys: random secrets shown once, stored only as SHA-256 hashes, each scoped to a role and (for widgets) origins.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { API_KEY_LABEL } from '../../schema/migrations.js';
import type { Role } from '../../schema/roles.js';
import type { Database } from './database.js';

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  /** The first characters of the secret, so people can tell keys apart without it. */
  prefix: string;
  /** For widget keys: the only page origins that may use the key. Empty means any. */
  origins: string[];
  createdAt: string;
  revokedAt?: string;
}

/** A key's secret carries 256 random bits, so a fast hash is enough: there is nothing to guess from it. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export async function createKey(
  db: Database,
  name: string,
  role: Role,
  origins: readonly string[],
): Promise<{ key: ApiKey; secret: string }> {
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

export async function listKeys(db: Database): Promise<ApiKey[]> {
  const result = await db.run(
    `MATCH (k:${API_KEY_LABEL}) RETURN k {.id, .name, .role, .prefix, .origins, .createdAt, .revokedAt} AS key ORDER BY k.createdAt`,
  );
  return result.records.map((r) => r.get('key') as ApiKey);
}

/** Revokes by id or by the secret's prefix; returns the keys revoked. */
export async function revokeKey(db: Database, idOrPrefix: string): Promise<number> {
  const result = await db.run(
    `MATCH (k:${API_KEY_LABEL}) WHERE (k.id = $value OR k.prefix = $value) AND k.revokedAt IS NULL
     SET k.revokedAt = $now RETURN count(k) AS n`,
    { value: idOrPrefix, now: new Date().toISOString() },
    'WRITE',
  );
  return Number(result.records[0]?.get('n') ?? 0);
}

/** The live key whose secret this is, if any. */
export async function keyForSecret(db: Database, secret: string): Promise<ApiKey | undefined> {
  const result = await db.run(
    `MATCH (k:${API_KEY_LABEL} {hash: $hash}) WHERE k.revokedAt IS NULL RETURN k {.id, .name, .role, .prefix, .origins, .createdAt} AS key`,
    { hash: hashSecret(secret) },
  );
  return result.records[0]?.get('key') as ApiKey | undefined;
}

/** Every page origin some live widget key allows: the origins browsers may call the API from. */
export async function allowedOrigins(db: Database): Promise<Set<string>> {
  const result = await db.run(
    `MATCH (k:${API_KEY_LABEL}) WHERE k.revokedAt IS NULL UNWIND coalesce(k.origins, []) AS origin RETURN collect(DISTINCT origin) AS origins`,
  );
  return new Set((result.records[0]?.get('origins') ?? []) as string[]);
}
