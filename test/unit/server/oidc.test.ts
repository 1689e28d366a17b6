// Sign-in tokens are trusted only as configured: the pinned algorithms, an expiry, the token type; refusals say nothing of why.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcVerifier, type OidcSettings } from '../../../server/graphql/oidc.js';

const issuer = 'https://login.example-council.gov.uk';
const audience = 'partnership-hub';

describe('the single sign-on verifier', () => {
  let provider: Server;
  let settings: OidcSettings;
  let rsa: CryptoKey;
  let ec384: CryptoKey;
  const logs: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(line) });

  beforeAll(async () => {
    const rsaPair = await generateKeyPair('RS256');
    const ecPair = await generateKeyPair('ES384');
    rsa = rsaPair.privateKey;
    ec384 = ecPair.privateKey;
    // The provider publishes an ES384 key too: a genuine key, but an algorithm this service was not told to accept.
    const keys = [
      { ...(await exportJWK(rsaPair.publicKey)), kid: 'rsa', use: 'sig' },
      { ...(await exportJWK(ecPair.publicKey)), kid: 'ec384', use: 'sig' },
    ];
    provider = createServer((_request, response) =>
      response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys })),
    );
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    settings = {
      issuer,
      audience,
      jwksUrl: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/jwks.json`,
      roleClaim: 'partnership_hub_role',
      algorithms: ['RS256', 'ES256'],
      tokenTypes: ['at+jwt', 'JWT'],
    };
  });
  afterAll(() => provider?.close());

  interface Options {
    alg?: string;
    kid?: string;
    key?: CryptoKey;
    typ?: string | null;
    expires?: string | null;
  }
  const token = async ({ alg = 'RS256', kid = 'rsa', key = rsa, typ = 'JWT', expires = '5m' }: Options = {}) => {
    const jwt = new SignJWT({ sub: 'a.analyst', partnership_hub_role: 'analyst' } as JWTPayload)
      .setProtectedHeader({ alg, kid, ...(typ === null ? {} : { typ }) })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt();
    if (expires !== null) jwt.setExpirationTime(expires);
    return jwt.sign(key);
  };
  /** The refusal a client would see, or the role when the token is accepted. */
  const outcome = async (jwt: string, overrides: Partial<OidcSettings> = {}) =>
    createOidcVerifier({ ...settings, ...overrides }, log)(jwt).catch((error: unknown) => error as Error);

  it('accepts a token of an accepted type, signed with a pinned algorithm, that expires', async () => {
    expect(await outcome(await token())).toBe('analyst');
    expect(await outcome(await token({ typ: 'at+jwt' }))).toBe('analyst');
    expect(await outcome(await token({ typ: 'application/AT+JWT' }))).toBe('analyst');
  });

  it('refuses a genuine key used with an algorithm outside the allow-list, until it is added', async () => {
    const es384 = await token({ alg: 'ES384', kid: 'ec384', key: ec384 });
    expect(await outcome(es384)).toBeInstanceOf(Error);
    expect(await outcome(es384, { algorithms: ['RS256', 'ES384'] })).toBe('analyst');
  });

  it('refuses a token without an expiry', async () => {
    expect(await outcome(await token({ expires: null }))).toBeInstanceOf(Error);
  });

  it('refuses a token with no type, or a type not configured', async () => {
    expect(await outcome(await token({ typ: null }))).toBeInstanceOf(Error);
    expect(await outcome(await token({ typ: 'secevent+jwt' }))).toBeInstanceOf(Error);
    expect(await outcome(await token({ typ: 'JWT' }), { tokenTypes: ['at+jwt'] })).toBeInstanceOf(Error);
  });

  it("tells the client only that sign-in failed, in the catalogue's code, and logs jose's reason", async () => {
    logs.length = 0;
    const refusals = [
      await outcome(await token({ expires: '-1m' })),
      await outcome(await token({ expires: null })),
      await outcome(await token({ alg: 'ES384', kid: 'ec384', key: ec384 })),
      await outcome(await token({ typ: 'secevent+jwt' })),
    ] as unknown as { message: string; extensions: { code: string; http: { status: number } } }[];
    for (const refusal of refusals) {
      expect(refusal.extensions.code).toBe('UNAUTHENTICATED');
      expect(refusal.extensions.http.status).toBe(401);
      expect(refusal.message).toBe(
        'The sign-in token was not accepted: it may have expired, or come from another provider. Sign in again.',
      );
    }
    const logged = logs.map((line) => JSON.parse(line) as { msg: string; detail: string });
    expect(logged.map((line) => line.msg)).toEqual(Array(4).fill('sign-in token refused'));
    expect(logged[0]?.detail).toMatch(/"exp" claim timestamp check failed/);
    expect(logged[1]?.detail).toMatch(/missing required "exp" claim/);
    expect(logged[2]?.detail).toMatch(/"alg" .*not allowed/);
    expect(logged[3]?.detail).toMatch(/token type "secevent\+jwt"/);
  });
});
