// The local admin token: what lets `npm run seed` and friends on the same machine use a service nobody configured.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { localAdminTokenFile } from './config.js';

/**
 * Writes a new random token to DATA_DIR's token file, readable by this user only (0600, written beside it and renamed
 * over it so it is never readable by others even for a moment), and returns it with a function that removes it. A
 * new token each start: one copied somewhere stops working when the service restarts.
 */
export async function writeLocalAdminToken(dataDir: string): Promise<{ token: string; remove: () => Promise<void> }> {
  const token = randomBytes(32).toString('base64url');
  const file = localAdminTokenFile(dataDir);
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, `${token}\n`, { mode: 0o600, flag: 'w' });
  await rename(partial, file);
  return { token, remove: () => rm(file, { force: true }) };
}
