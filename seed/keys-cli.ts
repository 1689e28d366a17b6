// `npm run keys -- create|list|revoke`: manage API keys. A new key's secret is shown once and stored only hashed.
import { parseArgs } from 'node:util';
import { loadConfig, localAdminTokenFile } from '../server/config.js';
import { ROLES, type Role } from '../schema/roles.js';
import { type ApiKey, createKey, type DailyUsage, listKeys, revokeKey } from '../server/database/api-keys.js';
import { createLogger } from '../server/logger.js';
import { migrate } from '../server/database/migrate.js';
import { openDatabase } from '../server/database/open.js';
import {
  findService,
  graphql,
  type Service,
  ServiceError,
  sentTo,
  serviceSettings,
  WORKING_DIRECTLY,
} from './service-client.js';

const USAGE = `Usage:
  npm run keys -- create --role public|analyst|admin --name "Barnet council website" [--origin https://www.barnet.gov.uk ...]
  npm run keys -- list
  npm run keys -- revoke <key id>

Public keys with --origin are widget keys: browsers may use them only from those origins. Only public keys take
origins: analyst and admin keys belong on servers, never in a web page. Public reads need no key at all; a partner's
own public key gives it its own rate budget and usage figures. list shows each key's requests per day (UTC), up to
a minute behind the running services. Revoke a key by its id, as list shows it.

Sent to the running service when there is one (HUB_URL, else http://localhost:PORT; authenticated by ADMIN_KEY,
ADMIN_TOKEN or the local token file in DATA_DIR), so a new key works at once; otherwise works on the database directly.`;

/** Ids are UUIDs (createKey), so a secret or its prefix pasted by mistake is recognised and not sent anywhere. */
const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, origin: { type: 'string', multiple: true } },
  });
  const [command, target] = positionals;
  if (command === 'create') {
    if (!values.role || !(ROLES as readonly string[]).includes(values.role) || !values.name) {
      console.error(`create needs --role (${ROLES.join(', ')}) and --name.\n\n${USAGE}`);
      return 2;
    }
    const bad = (values.origin ?? []).filter((o) => !/^https?:\/\/[^/\s]+$/.test(o));
    if (bad.length > 0) {
      console.error(`Not an origin: ${bad.join(', ')}. Give scheme and host only, such as https://www.barnet.gov.uk`);
      return 2;
    }
    if ((values.origin ?? []).length > 0 && values.role !== 'public') {
      console.error(
        `--origin is only for public (widget) keys: an ${values.role} key must never be put in a web page, where anyone can read it. Leave out --origin, or use --role public.`,
      );
      return 2;
    }
  } else if (command === 'revoke' && target && !KEY_ID.test(target)) {
    console.error(
      `"${target.slice(0, 10)}…" is not a key id. Revoke a key by its id, as \`npm run keys -- list\` shows it (such as 3f2c7a1e-5b7d-4c1a-9e8f-0a1b2c3d4e5f), never by its secret.`,
    );
    return 2;
  } else if (command !== 'list' && !(command === 'revoke' && target)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const service = await findService(serviceSettings(process.env, config.port, localAdminTokenFile(config.dataDir)));
  if (service) {
    console.error(sentTo(service));
    return viaService(service, command!, values, target);
  }
  console.error(WORKING_DIRECTLY);
  const { db, close } = await openDatabase(config, createLogger(process.env.LOG_LEVEL ?? 'warn'));
  try {
    await migrate(db);
    if (command === 'create') {
      const { key, secret } = await createKey(db, values.name!, values.role as Role, values.origin ?? []);
      printCreated(key, secret);
    } else if (command === 'list') {
      printList(await listKeys(db));
    } else {
      return printRevoked(await revokeKey(db, target!), target!);
    }
    return 0;
  } finally {
    await close();
  }
}

function printCreated(key: Pick<ApiKey, 'id' | 'name' | 'role'>, secret: string): void {
  console.log(`Created ${key.role} key "${key.name}" (id ${key.id}).\nSecret, shown only now: ${secret}`);
  if (key.role === 'admin' && process.env.ADMIN_TOKEN)
    console.log(
      'An admin key now exists: unset ADMIN_TOKEN and restart the service, so the bootstrap token stops working.',
    );
}

function printList(keys: readonly (Omit<ApiKey, 'createdAt'> & { usage: DailyUsage[] })[]): void {
  for (const k of keys) {
    console.log(
      `${k.id}  ${k.prefix}…  ${k.role.padEnd(7)}  ${k.revokedAt ? `revoked ${k.revokedAt}` : 'live'}  ${k.name}${k.origins.length ? `  origins: ${k.origins.join(' ')}` : ''}`,
    );
    // The last week's requests, newest first: enough to see whether a partner is using its key, and how much.
    const recent = k.usage.slice(-7).reverse();
    console.log(
      `    requests per day: ${recent.length ? recent.map((u) => `${u.day} ${u.requests}`).join(', ') : 'none yet'}`,
    );
  }
}

function printRevoked(revoked: number, id: string): number {
  console.log(
    revoked > 0
      ? `Revoked ${revoked} key(s); running services stop accepting it within 30 s.`
      : `No live key has id ${id}: \`npm run keys -- list\` shows the ids.`,
  );
  return revoked > 0 ? 0 : 1;
}

const KEY_FIELDS = 'id name role prefix origins createdAt revokedAt usage { day requests }';
type ListedKey = Omit<ApiKey, 'revokedAt' | 'role'> & { role: Role; revokedAt: string | null; usage: DailyUsage[] };

/** The same commands through the running service's GraphQL API, printed the same way. */
async function viaService(
  service: Service,
  command: string,
  values: { role?: string; name?: string; origin?: string[] },
  target: string | undefined,
): Promise<number> {
  if (command === 'create') {
    const { createApiKey } = await graphql<{ createApiKey: { secret: string; key: ListedKey } }>(
      service,
      `mutation ($role: String!, $name: String!, $origins: [String!]) { createApiKey(role: $role, name: $name, origins: $origins) { secret key { ${KEY_FIELDS} } } }`,
      { role: values.role, name: values.name, origins: values.origin ?? [] },
    );
    printCreated(createApiKey.key, createApiKey.secret);
    return 0;
  }
  if (command === 'list') {
    const { apiKeys } = await graphql<{ apiKeys: ListedKey[] }>(service, `{ apiKeys { ${KEY_FIELDS} } }`);
    printList(apiKeys.map((k) => ({ ...k, revokedAt: k.revokedAt ?? undefined })));
    return 0;
  }
  try {
    await graphql(service, 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: target });
    return printRevoked(1, target!);
  } catch (error) {
    // Unknown, or revoked already: either way no live key has that id, as the direct way says it.
    if (error instanceof ServiceError && (error.body.error === 'NOT_FOUND' || error.body.error === 'BAD_USER_INPUT'))
      return printRevoked(0, target!);
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
