// Single sign-on: tokens signed by the organisation's identity provider, checked against its published keys.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../server/service.js';
import { testTarget } from '../../support/database.js';
import { graphql, startTestService } from '../../support/service.js';

describe('single sign-on with OpenID Connect', () => {
  let provider: Server;
  let service: RunningService;
  let privateKey: CryptoKey;
  let stranger: CryptoKey;
  const issuer = 'https://login.example-council.gov.uk';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    stranger = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    // A stand-in for the provider's published keys, on loopback: the one place plain http is allowed, under NODE_ENV=test.
    provider = createServer((_request, response) =>
      response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/jwks.json`;
    service = await startTestService(testTarget(), {
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE: 'partnership-hub',
      OIDC_JWKS_URL: jwksUrl,
    });
  });
  afterAll(async () => {
    await service?.stop();
    provider?.close();
  });

  const token = (claims: Record<string, unknown>, key = privateKey, audience = 'partnership-hub', expires = '5m') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(key);
  const ask = async (bearer: string) => graphql(service, '{ mostConnected(first: 1) { partners } }', {}, bearer);

  it('gives a signed-in analyst the analyst role from the role claim', async () => {
    const { status, body } = await ask(await token({ sub: 'a.analyst', partnership_hub_role: 'analyst' }));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('refuses tokens that are forged, for another audience, expired, or carry no known role', async () => {
    expect((await ask(await token({ partnership_hub_role: 'admin' }, stranger))).status).toBe(401);
    expect((await ask(await token({ partnership_hub_role: 'admin' }, privateKey, 'another-app'))).status).toBe(401);
    expect(
      (await ask(await token({ partnership_hub_role: 'admin' }, privateKey, 'partnership-hub', '-1m'))).status,
    ).toBe(401);
    const noRole = await ask(await token({ partnership_hub_role: 'superuser' }));
    expect(noRole.status).toBe(403);
    expect(noRole.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("answers a refused token with the catalogue's code and its own words, not the verifier's", async () => {
    const expired = await ask(await token({ partnership_hub_role: 'admin' }, privateKey, 'partnership-hub', '-1m'));
    expect(expired.status).toBe(401);
    expect(expired.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(expired.body.errors?.[0]?.message).toBe(
      'The sign-in token was not accepted: it may have expired, or come from another provider. Sign in again.',
    );
    expect(JSON.stringify(expired.body)).not.toMatch(/"exp"|claim|timestamp/);
  });
});
