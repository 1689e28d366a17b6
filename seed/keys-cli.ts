// `npm run keys -- create|list|revoke`: manage API keys. A new key's secret is shown once and stored only hashed.
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { ROLES, type Role } from '../schema/roles.js';
import { createKey, listKeys, revokeKey } from '../server/database/api-keys.js';
import { createLogger } from '../server/logger.js';
import { migrate } from '../server/database/migrate.js';
import { openDatabase } from '../server/database/open.js';

const USAGE = `Usage:
  npm run keys -- create --role public|analyst|admin --name "Barnet council website" [--origin https://www.barnet.gov.uk ...]
  npm run keys -- list
  npm run keys -- revoke <key id or prefix>

Public keys with --origin are widget keys: browsers may use them only from those origins.`;

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
  } else if (command !== 'list' && !(command === 'revoke' && target)) {
    console.error(USAGE);
    return 2;
  }
  const { db, close } = await openDatabase(loadConfig(), createLogger(process.env.LOG_LEVEL ?? 'warn'));
  try {
    await migrate(db);
    if (command === 'create') {
      const { key, secret } = await createKey(db, values.name!, values.role as Role, values.origin ?? []);
      console.log(`Created ${key.role} key "${key.name}" (id ${key.id}).\nSecret, shown only now: ${secret}`);
    } else if (command === 'list') {
      for (const k of await listKeys(db)) {
        console.log(
          `${k.id}  ${k.prefix}…  ${k.role.padEnd(7)}  ${k.revokedAt ? `revoked ${k.revokedAt}` : 'live'}  ${k.name}${k.origins.length ? `  origins: ${k.origins.join(' ')}` : ''}`,
        );
      }
    } else {
      const revoked = await revokeKey(db, target!);
      console.log(
        revoked > 0
          ? `Revoked ${revoked} key(s); running services stop accepting it within 30 s.`
          : `No live key has id or prefix ${target}.`,
      );
      return revoked > 0 ? 0 : 1;
    }
    return 0;
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
