// Who the audit trail names: the bootstrap token and a sign-in token's subject, found with the role (issue 15.5).
import { describe, expect, it } from 'vitest';
import { accessOf, roleOf } from '../../../server/graphql/access.js';
import type { Database } from '../../../server/database/database.js';

/** Neither the bootstrap token nor a sign-in token needs the database: any query here is a fault. */
const noDatabase = {
  run: () => {
    throw new Error('no query expected');
  },
} as unknown as Database;
const TOKEN = 'bootstrap-token-0123456789abcdef';
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A token's shape; the verifier below stands in for the provider's signature check, which oidc.test.ts covers. */
const jwt = (claims: object) => `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url(claims)}.c2lnbmF0dXJl`;
const verifier = async () => 'admin' as const;
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('accessOf', () => {
  it('names the bootstrap ADMIN_TOKEN as "bootstrap token", and a request without a key as public', async () => {
    expect(await accessOf(noDatabase, bearer(TOKEN), TOKEN)).toEqual({ role: 'admin', principal: 'bootstrap token' });
    expect(await accessOf(noDatabase, {}, TOKEN)).toEqual({ role: 'public', principal: 'public' });
    expect(await roleOf(noDatabase, bearer(TOKEN), TOKEN)).toBe('admin');
  });

  it("names a sign-in token's OIDC subject, once the verifier has accepted it", async () => {
    const token = jwt({ sub: 'f3a1-programme-manager', exp: 9_999_999_999 });
    expect(await accessOf(noDatabase, bearer(token), TOKEN, verifier)).toEqual({
      role: 'admin',
      principal: 'OIDC subject f3a1-programme-manager',
    });
    const refusing = async (): Promise<'admin'> => {
      throw new Error('refused');
    };
    await expect(accessOf(noDatabase, bearer(token), TOKEN, refusing)).rejects.toThrow('refused');
  });
});
