// Start-up refuses settings that would expose the service: a network HOST outside production, links without a public
// address, sign-in keys over plain http, shared-secret or unsigned token algorithms.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';

/** The problems start-up reports for `env`, or [] when it starts. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

const OIDC = { OIDC_ISSUER: 'https://login.example.org', OIDC_AUDIENCE: 'hub' };

describe('settings that decide who can reach the service', () => {
  it('refuses a HOST other machines can reach unless NODE_ENV is production, saying both ways out', () => {
    for (const NODE_ENV of ['development', 'test']) {
      expect(problems({ NODE_ENV, HOST: '0.0.0.0', PUBLIC_URL: 'https://hub.example.org' })).toEqual([
        `HOST="0.0.0.0" would serve other machines, but NODE_ENV="${NODE_ENV}" is not production: set NODE_ENV=production for a service others use, or HOST=127.0.0.1 to keep it on this machine.`,
      ]);
    }
    expect(problems({ HOST: '192.168.1.20', PUBLIC_URL: 'https://hub.example.org' })).toHaveLength(1);
    for (const HOST of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]'])
      expect(problems({ HOST }), HOST).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'production', HOST: '0.0.0.0', PUBLIC_URL: 'https://hub.example.org' }).host).toBe(
      '0.0.0.0',
    );
  });

  it('takes the public address from PUBLIC_URL, and needs it when the service faces the network', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'https://hub.example.org/' }).publicUrl).toBe('https://hub.example.org');
    expect(loadConfig({ PUBLIC_URL: 'https://example.org/hub' }).publicUrl).toBe('https://example.org/hub');
    expect(problems({ NODE_ENV: 'production', HOST: '0.0.0.0' })).toEqual([
      'PUBLIC_URL is not set, but HOST="0.0.0.0" serves other machines, which reach the service by a name it cannot know: set PUBLIC_URL to that address, such as https://hub.example.org.',
    ]);
    expect(problems({ PUBLIC_URL: 'hub.example.org' })[0]).toMatch(/^PUBLIC_URL="hub.example.org" is not an address/);
    expect(problems({ PUBLIC_URL: 'ftp://hub.example.org' })[0]).toMatch(/must start with https:\/\//);
    expect(problems({ PUBLIC_URL: 'https://hub.example.org/?x=1' })[0]).toMatch(/has a user name, query or #/);
  });

  it('fetches the sign-in provider’s keys over https only; plain http on loopback only under NODE_ENV=test', () => {
    expect(loadConfig({ ...OIDC, OIDC_JWKS_URL: 'https://login.example.org/jwks' }).oidc?.jwksUrl).toBe(
      'https://login.example.org/jwks',
    );
    const plain = problems({ ...OIDC, OIDC_JWKS_URL: 'http://login.example.org/jwks' });
    expect(plain).toEqual([
      `OIDC_JWKS_URL="http://login.example.org/jwks" is not https: keys fetched over plain http could be swapped by anyone on the path, letting them sign in as anyone. Give the provider's https JWKS URL.`,
    ]);
    expect(problems({ ...OIDC, OIDC_JWKS_URL: 'http://127.0.0.1:9000/jwks' })).toHaveLength(1);
    expect(problems({ ...OIDC, NODE_ENV: 'test', OIDC_JWKS_URL: 'http://127.0.0.1:9000/jwks' })).toEqual([]);
    expect(problems({ ...OIDC, NODE_ENV: 'test', OIDC_JWKS_URL: 'http://login.example.org/jwks' })).toHaveLength(1);
    expect(problems({ ...OIDC, OIDC_JWKS_URL: 'login.example.org' })[0]).toMatch(/is not a web address/);
  });

  it('pins the token algorithms to asymmetric ones and checks the token type, both configurable', () => {
    const https = { ...OIDC, OIDC_JWKS_URL: 'https://login.example.org/jwks' };
    expect(loadConfig(https).oidc).toMatchObject({ algorithms: ['RS256', 'ES256'], tokenTypes: ['at+jwt', 'JWT'] });
    expect(loadConfig({ ...https, OIDC_ALGORITHMS: 'PS256, EdDSA', OIDC_TOKEN_TYPES: 'at+jwt' }).oidc).toMatchObject({
      algorithms: ['PS256', 'EdDSA'],
      tokenTypes: ['at+jwt'],
    });
    expect(problems({ ...https, OIDC_ALGORITHMS: 'RS256,HS256,none' })).toEqual([
      'OIDC_ALGORITHMS="RS256,HS256,none" names HS256, none, which are not accepted: use a comma-separated list of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA.',
    ]);
    expect(problems({ ...https, OIDC_TOKEN_TYPES: ' , ' })[0]).toMatch(/^OIDC_TOKEN_TYPES="," names nothing/);
  });
});
