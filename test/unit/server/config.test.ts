import { describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK_WORK } from '../../../server/analytics/network-work.js';
import { ConfigError, loadConfig } from '../../../server/config.js';

describe('loadConfig', () => {
  it('starts the local Neo4j with sensible defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/hub');
    expect(config.port).toBe(4000);
    expect(config.neo4j).toBeUndefined();
    expect(config.local.port).toBe(7687);
    expect(config.dataDir).toBe('/srv/hub/.data');
    expect(config.seedOnEmpty).toBe(true);
  });

  it('uses an external Neo4j, such as Aura, when NEO4J_URI is set', () => {
    const config = loadConfig({
      NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io',
      NEO4J_PASSWORD: 's3cret',
      NEO4J_DATABASE: 'hub',
    });
    expect(config.neo4j).toEqual({
      uri: 'neo4j+s://abc.databases.neo4j.io',
      username: 'neo4j',
      password: 's3cret',
      database: 'hub',
    });
  });

  it('reports every problem at once, each saying how to fix it', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://localhost:7474', LOG_LEVEL: 'loud', NEO4J_LOCAL_HEAP: 'lots' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/PORT="eighty" is not a TCP port/);
    expect(problems.join('\n')).toMatch(/NEO4J_URI="http:\/\/localhost:7474" is not a Neo4j address: use bolt:\/\//);
    expect(problems.join('\n')).toMatch(/NEO4J_PASSWORD is not set/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL="loud"/);
    expect(problems.join('\n')).toMatch(/NEO4J_LOCAL_HEAP="lots" is not a memory size/);
  });

  it('checks the security settings: a short admin token, half an OIDC setup, limits that are not numbers', () => {
    let error: unknown;
    try {
      loadConfig({
        ADMIN_TOKEN: 'short',
        OIDC_ISSUER: 'https://login.example.org',
        RATE_LIMIT_PER_MINUTE: 'lots',
        QUERY_TIMEOUT_MS: '0',
      });
    } catch (caught) {
      error = caught;
    }
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/ADMIN_TOKEN is shorter than 24 characters/);
    expect(problems).toMatch(
      /Single sign-on needs all of OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL; OIDC_AUDIENCE, OIDC_JWKS_URL are missing/,
    );
    expect(problems).toMatch(/RATE_LIMIT_PER_MINUTE="lots"/);
    expect(problems).toMatch(/QUERY_TIMEOUT_MS="0"/);
    const ok = loadConfig({
      OIDC_ISSUER: 'https://login.example.org',
      OIDC_AUDIENCE: 'hub',
      OIDC_JWKS_URL: 'https://login.example.org/jwks',
    });
    expect(ok.oidc).toEqual({
      issuer: 'https://login.example.org',
      audience: 'hub',
      jwksUrl: 'https://login.example.org/jwks',
      roleClaim: 'partnership_hub_role',
      algorithms: ['RS256', 'ES256'],
      tokenTypes: ['at+jwt', 'JWT'],
    });
    expect(ok.introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
  });

  it('shares the response cache through REDIS_URL, and refuses an address that is not Redis without showing its password', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'rediss://hub:s3cret@cache.example.org:6380/2' }).redisUrl).toBe(
      'rediss://hub:s3cret@cache.example.org:6380/2',
    );
    const problems = (given: string): string => {
      try {
        loadConfig({ REDIS_URL: given });
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
      return '';
    };
    expect(problems('https://hub:s3cret@cache.example.org')).toMatch(
      /REDIS_URL="https:\/\/hub:\*\*\*@cache.example.org" is not a Redis address .* use redis:\/\/host:6379/,
    );
    expect(problems('redis://cache.example.org/sessions')).toMatch(/does not end in a database number/);
    expect(problems('redis://hub:s3/cret@cache.example.org')).not.toContain('cret');
    expect(problems('cache.example.org:6379')).toMatch(/REDIS_URL="cache.example.org:6379" is not/);
  });

  it("sizes the analytics threads' pool from ANALYTICS_*, and ends an idle thread after ANALYTICS_IDLE_MS", () => {
    // The defaults: a thread for every two cores, and a minute before an idle thread gives its memory back.
    expect(loadConfig({}).analytics).toEqual({
      concurrency: DEFAULT_NETWORK_WORK.concurrency,
      queue: 2,
      timeoutMs: 20_000,
      idleMs: 60_000,
    });
    expect(
      loadConfig({
        ANALYTICS_CONCURRENCY: '3',
        ANALYTICS_QUEUE: '0',
        ANALYTICS_TIMEOUT_MS: '2500',
        ANALYTICS_IDLE_MS: '5000',
      }).analytics,
    ).toEqual({ concurrency: 3, queue: 0, timeoutMs: 2500, idleMs: 5000 });
    const problems = (env: Record<string, string>): string[] => {
      try {
        loadConfig(env);
      } catch (error) {
        return [...(error as ConfigError).problems];
      }
      return [];
    };
    for (const idle of ['0', '-1', '1.5', 'a minute'])
      expect(problems({ ANALYTICS_IDLE_MS: idle })).toEqual([
        `ANALYTICS_IDLE_MS="${idle}" is not a positive whole number of milliseconds, such as 60000.`,
      ]);
    expect(problems({ ANALYTICS_CONCURRENCY: '0', ANALYTICS_QUEUE: '-1', ANALYTICS_TIMEOUT_MS: 'soon' })).toEqual([
      expect.stringMatching(/^ANALYTICS_CONCURRENCY="0" is not a positive whole number of threads/),
      expect.stringMatching(/^ANALYTICS_QUEUE="-1" is not a whole number of waiting requests \(0 or more\)/),
      expect.stringMatching(/^ANALYTICS_TIMEOUT_MS="soon" is not a positive whole number of milliseconds/),
    ]);
  });
});
